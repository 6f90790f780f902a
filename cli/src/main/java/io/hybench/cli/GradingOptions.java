package io.hybench.cli;

import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.grade.TextGrader;
import picocli.CommandLine.Option;

/** How answers are graded without a judge: shared by collect and hybrid, so both grade alike. */
final class GradingOptions {
    @Option(names = "--text-match", defaultValue = "EXACT", description = "free-text grading without a judge: EXACT (normalised) or REGEX (gold is a regex)")
    TextGrader.Mode textMatch;
    @Option(names = "--abs-tolerance", defaultValue = "0", description = "numeric answers within this absolute difference are correct")
    double absTolerance;
    @Option(names = "--rel-tolerance", defaultValue = "0", description = "... or within this fraction of the gold value")
    double relTolerance;

    NumericTolerance tolerance() {
        return new NumericTolerance(absTolerance, relTolerance);
    }
}
