package io.hybench.reports.html;

import java.util.List;
import java.util.Objects;

/**
 * A whole report page.
 *
 * @param kind       what kind of report this is ("Benchmark", "Calibration" ...), shown above the title
 * @param title      the page title
 * @param provenance where the numbers came from; rendered at the top of every page
 * @param sections   the content, in order
 */
public record Page(String kind, String title, Provenance provenance, List<Section> sections) {
    public Page {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(provenance, "provenance");
        sections = List.copyOf(sections);
    }
}
