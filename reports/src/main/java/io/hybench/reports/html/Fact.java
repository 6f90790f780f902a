package io.hybench.reports.html;

import java.util.Objects;

/** A labelled value shown in a facts list. */
public record Fact(String label, String value) {
    public Fact {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }
}
