package io.hybench.calibrate.collect.grade;

/** An answer found in a response: its normal form and where it sits ({@code [start, end)}). */
public record Extraction(String answer, int start, int end, boolean asLetter) {
    public static Extraction of(String answer, int start, int end) {
        return new Extraction(answer, start, end, false);
    }
}
