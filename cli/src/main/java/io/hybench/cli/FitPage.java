package io.hybench.cli;

import io.hybench.reports.html.Html;
import io.hybench.tools.fit.LevelFigures;
import io.hybench.tools.fit.ProfileFitter;
import io.hybench.tools.fit.RunShape;

import java.util.List;
import java.util.Locale;

/**
 * The fit's report: the measured run and the emulator running the fitted profile on the same load, side
 * by side per figure and level, with the relative error. Self-contained HTML; every run-derived text is escaped.
 */
final class FitPage {
    private FitPage() {
    }

    static String render(String profileName, String profileYaml, RunShape shape, ProfileFitter.Result fit) {
        StringBuilder b = new StringBuilder();
        String title = (fit.evaluations() > 0 ? "Emulator fit: " : "Emulator check: ") + profileName;
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title)).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:75em}table{border-collapse:collapse;margin:0 0 1.5em}"
                        + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th:first-child,td:first-child{text-align:left}"
                        + ".ok{background:#e6f4e6}.warn{background:#fff3d6}.bad{background:#fbe0e0}pre{background:#f6f6f6;padding:1em;overflow:auto}"
                        + "h2{margin-top:1.5em}</style></head><body>");
        b.append("<h1>").append(Html.escape(title)).append("</h1>");
        b.append("<p>Measured: bench run <b>").append(Html.escape(shape.source().runName())).append("</b>, target <b>").append(Html.escape(shape.source().target()))
                .append("</b> (").append(shape.closedLoop() ? "closed loop, users" : "open loop, requests/s").append(' ')
                .append(Html.escape(levels(shape))).append("). Emulated: the emulator's vLLM-like engine code with the fitted profile, "
                        + "in simulated time, under the same load, warm-up and window per level. Error = emulated / measured − 1; "
                        + "fitted figures (medians and output tok/s) are marked *.</p>");
        b.append(String.format(Locale.ROOT, "<p>RMS log error of the fitted figures: <b>%.4f</b> (%d evaluations).</p>", fit.rmsLogError(), fit.evaluations()));
        List<double[]> errors = ProfileFitter.relativeErrors(fit.measured(), fit.emulated());
        b.append("<h2>Mean absolute error per figure</h2><table><tr><th>figure</th><th>mean |error|</th><th>largest |error|</th></tr>");
        LevelFigures.Figure[] figures = LevelFigures.Figure.values();
        for (int j = 0; j < figures.length; j++) {
            double sum = 0, max = 0;
            int n = 0;
            for (double[] row : errors) {
                if (Double.isNaN(row[j])) continue;
                sum += Math.abs(row[j]);
                max = Math.max(max, Math.abs(row[j]));
                n++;
            }
            b.append("<tr><td>").append(label(figures[j])).append("</td>").append(cell(n == 0 ? Double.NaN : sum / n))
                    .append(cell(n == 0 ? Double.NaN : max)).append("</tr>");
        }
        b.append("</table>");
        for (int j = 0; j < figures.length; j++) {
            b.append("<h2>").append(label(figures[j])).append("</h2><table><tr><th>")
                    .append(shape.closedLoop() ? "users" : "rate").append("</th><th>measured</th><th>emulated</th><th>error</th></tr>");
            for (int i = 0; i < fit.measured().size(); i++) {
                LevelFigures m = fit.measured().get(i);
                b.append("<tr><td>").append(Html.escape(number(m.load()))).append("</td><td>").append(number(m.get(figures[j])))
                        .append("</td><td>").append(number(fit.emulated().get(i).get(figures[j]))).append("</td>")
                        .append(cell(errors.get(i)[j])).append("</tr>");
            }
            b.append("</table>");
        }
        b.append(fit.evaluations() > 0 ? "<h2>Fitted profile</h2><pre>" : "<h2>Profile compared</h2><pre>").append(Html.escape(profileYaml)).append("</pre></body></html>\n");
        return b.toString();
    }

    private static String label(LevelFigures.Figure f) {
        return Html.escape(f.label) + (f.fitted ? " *" : "");
    }

    private static String levels(RunShape s) {
        return String.join(", ", s.sweep().levels().stream().map(FitPage::number).toList());
    }

    private static String cell(double relative) {
        if (Double.isNaN(relative)) return "<td>n/a</td>";
        double a = Math.abs(relative);
        String cls = a <= 0.15 ? "ok" : a <= 0.35 ? "warn" : "bad";
        return String.format(Locale.ROOT, "<td class=\"%s\">%+.1f%%</td>", cls, 100 * relative);
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
