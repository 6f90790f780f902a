package io.hybench.reports.html;

import java.util.List;
import java.util.Objects;

/** A top-level part of a page, listed in the page's contents. */
public record Section(String title, List<Block> blocks) {
    public Section {
        Objects.requireNonNull(title, "title");
        blocks = List.copyOf(blocks);
    }
}
