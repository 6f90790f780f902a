package io.hybench.reports.html;

import io.hybench.reports.charts.ChartImage;
import io.hybench.reports.charts.ChartSpec;
import io.hybench.reports.charts.PngChartEncoder;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Objects;

/** One piece of page content. Every text field is plain text; the renderer escapes it. */
public sealed interface Block {

    /** A paragraph of prose. */
    record Paragraph(String text) implements Block {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A boxed note; WARNING for numbers that should not be trusted or emulated targets. */
    record Callout(Level level, String title, String text) implements Block {
        public enum Level { INFO, WARNING }

        public Callout {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Labelled values, e.g. the environment. */
    record Facts(List<Fact> facts) implements Block {
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    /**
     * A table from a Tablesaw {@link Table}: header from column names, cells from each column's
     * print formatter (missing values print as that formatter's missing string). Numeric columns
     * are right-aligned.
     */
    record TableBlock(Table table, String caption) implements Block {
        public TableBlock {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(caption, "caption");
        }
    }

    /** A chart with its caption. */
    record Figure(ChartImage image, String caption) implements Block {
        public Figure {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(caption, "caption");
        }
    }

    /**
     * A chart as a figure; where none of its points can be drawn (nothing measured, or only zeros on a
     * log axis, e.g. 0 ms inter-token gaps from a server that writes several tokens at once), a note
     * saying so in its place, so a legitimate run still gets its whole report.
     */
    static Block chart(PngChartEncoder encoder, ChartSpec spec, String caption) {
        if (spec.hasDrawablePoint()) return new Figure(encoder.encode(spec), caption);
        return new Callout(Callout.Level.INFO, spec.title() + ": nothing to draw. ",
                "No value of this chart can be drawn: every value is missing, not finite, or zero on a log scale "
                        + "(e.g. steps with too few measured requests, or 0 ms gaps). The chart would show: " + caption);
    }

    /** Text shown verbatim in a monospace box, e.g. an exported router config. */
    record Verbatim(String title, String text) implements Block {
        public Verbatim {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A titled group of blocks inside a section. */
    record Subsection(String title, List<Block> blocks) implements Block {
        public Subsection {
            Objects.requireNonNull(title, "title");
            blocks = List.copyOf(blocks);
        }
    }
}
