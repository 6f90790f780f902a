package io.hybench.reports.html;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Page} as one self-contained HTML file: styles inline, charts as {@code data:}
 * images, no script. A Content-Security-Policy forbids every fetch but inline images and styles,
 * so a page that tried to load anything from the network would show it as a console error.
 */
public final class PageRenderer {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;margin:0;background:#fafafa}
            header,main,nav,footer{max-width:1000px;margin:0 auto;padding:0 24px}
            header{padding-top:24px}
            .kind{text-transform:uppercase;letter-spacing:.08em;color:#666;font-size:12px;margin:0}
            h1{margin:.2em 0 .6em;font-size:26px}
            h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            h3{margin-top:1.6em}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:.5em 0}
            dl.facts dt{color:#555}
            dl.facts dd{margin:0;word-break:break-word}
            pre{background:#f0f0f0;border:1px solid #ddd;padding:10px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:13px}
            .callout{border-left:5px solid #0072b2;background:#eef5fb;padding:8px 14px;margin:12px 0}
            .callout.warning{border-color:#d55e00;background:#fdf0e8}
            .callout strong{display:block}
            figure{margin:16px 0;background:#fff;border:1px solid #e3e3e3;padding:8px}
            figure img{max-width:100%;height:auto;display:block}
            figcaption{color:#444;font-size:13px;margin-top:4px}
            table{border-collapse:collapse;margin:12px 0;background:#fff;font-size:13px}
            caption{text-align:left;color:#444;padding:4px 0;caption-side:top}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f2f2f2}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .table-wrap{overflow-x:auto}
            nav ol{columns:2;margin:0;padding-left:20px}
            footer{color:#777;font-size:12px;padding:32px 24px}
            """;

    /** Renders the page into an HTML document. */
    public String render(Page page) {
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"hybench ").append(Html.escape(page.provenance().projectVersion())).append("\">\n")
                .append("<title>").append(Html.escape(page.kind() + ": " + page.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        Ids ids = new Ids();
        List<String> sectionIds = page.sections().stream().map(s -> ids.next(s.title())).toList();
        out.append("<header>\n<p class=\"kind\">").append(Html.escape(page.kind())).append(" report</p>\n<h1>")
                .append(Html.escape(page.title())).append("</h1>\n");
        provenance(page.provenance(), out);
        out.append("</header>\n<nav aria-label=\"contents\">\n<h2>Contents</h2>\n<ol>\n");
        for (int i = 0; i < page.sections().size(); i++) {
            out.append("<li><a href=\"#").append(sectionIds.get(i)).append("\">").append(Html.escape(page.sections().get(i).title())).append("</a></li>\n");
        }
        out.append("</ol>\n</nav>\n<main>\n");
        for (int i = 0; i < page.sections().size(); i++) {
            Section s = page.sections().get(i);
            out.append("<section id=\"").append(sectionIds.get(i)).append("\">\n<h2>").append(Html.escape(s.title())).append("</h2>\n");
            for (Block b : s.blocks()) block(b, 3, out);
            out.append("</section>\n");
        }
        out.append("</main>\n<footer>Written by hybench ").append(Html.escape(page.provenance().projectVersion()))
                .append(" from result files alone; rebuild it with the command above.</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Renders and writes the page as UTF-8. */
    public void write(Page page, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, render(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write report: " + e.getMessage(), e);
        }
    }

    private static void provenance(Provenance p, StringBuilder out) {
        out.append("<section id=\"provenance\" class=\"provenance\">\n");
        if (p.emulationUnknown() != null) {
            out.append("<p class=\"emulation\">Emulator: ").append(Html.escape(p.emulationUnknown())).append("</p>\n");
        } else if (p.emulated().isEmpty()) {
            out.append("<p class=\"emulation\">Emulator: none; every target was a real server.</p>\n");
        } else {
            StringBuilder text = new StringBuilder();
            for (EmulatedTarget t : p.emulated()) {
                if (!text.isEmpty()) text.append("; ");
                text.append(t.target()).append(" ran on the hybench emulator, profile ").append(t.profile());
            }
            text.append(". Their numbers describe the emulator's model of a server, not a real server.");
            block(new Block.Callout(Block.Callout.Level.WARNING, "Emulated targets", text.toString()), 3, out);
        }
        out.append("<dl class=\"facts\">\n");
        fact("hybench version", p.projectVersion(), out);
        fact("Report written", DateTimeFormatter.ISO_INSTANT.format(p.generatedAt().truncatedTo(ChronoUnit.SECONDS)), out);
        for (Fact f : p.environment()) fact(f.label(), f.value(), out);
        out.append("</dl>\n<p>Reproduce with:</p>\n<pre class=\"reproduce\"><code>").append(Html.escape(p.reproduceCommand()))
                .append("</code></pre>\n</section>\n");
    }

    private static void fact(String label, String value, StringBuilder out) {
        out.append("<dt>").append(Html.escape(label)).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
    }

    private static void block(Block block, int headingLevel, StringBuilder out) {
        switch (block) {
            case Block.Paragraph p -> out.append("<p>").append(Html.escape(p.text())).append("</p>\n");
            case Block.Callout c -> out.append("<div class=\"callout").append(c.level() == Block.Callout.Level.WARNING ? " warning" : "")
                    .append("\" role=\"note\"><strong>").append(Html.escape(c.title())).append("</strong>")
                    .append(Html.escape(c.text())).append("</div>\n");
            case Block.Facts f -> {
                out.append("<dl class=\"facts\">\n");
                for (Fact fact : f.facts()) fact(fact.label(), fact.value(), out);
                out.append("</dl>\n");
            }
            case Block.TableBlock t -> table(t.table(), t.caption(), out);
            case Block.Figure f -> out.append("<figure class=\"chart\"><img src=\"").append(f.image().dataUri())
                    .append("\" width=\"").append(f.image().widthPx()).append("\" height=\"").append(f.image().heightPx())
                    .append("\" alt=\"").append(Html.escape(f.image().altText())).append("\"><figcaption>")
                    .append(Html.escape(f.caption())).append("</figcaption></figure>\n");
            case Block.Verbatim v -> out.append("<h").append(headingLevel).append(">").append(Html.escape(v.title())).append("</h").append(headingLevel)
                    .append(">\n<pre class=\"verbatim\"><code>").append(Html.escape(v.text())).append("</code></pre>\n");
            case Block.Subsection s -> {
                out.append("<h").append(headingLevel).append(">").append(Html.escape(s.title())).append("</h").append(headingLevel).append(">\n");
                for (Block b : s.blocks()) block(b, Math.min(headingLevel + 1, 6), out);
            }
        }
    }

    private static void table(Table table, String caption, StringBuilder out) {
        out.append("<div class=\"table-wrap\"><table>\n<caption>").append(Html.escape(caption)).append("</caption>\n<thead><tr>");
        for (Column<?> c : table.columns()) out.append("<th scope=\"col\">").append(Html.escape(c.name())).append("</th>");
        out.append("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < table.rowCount(); row++) {
            out.append("<tr>");
            for (Column<?> c : table.columns()) {
                out.append(c instanceof NumericColumn<?> ? "<td class=\"num\">" : "<td>").append(Html.escape(c.getString(row))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    /** Unique element ids from titles. */
    private static final class Ids {
        private final Map<String, Integer> seen = new HashMap<>(Map.of("provenance", 1));

        String next(String title) {
            String base = Html.slug(title);
            int n = seen.merge(base, 1, Integer::sum);
            return n == 1 ? base : base + "-" + n;
        }
    }
}
