package io.hybench.calibrate.fit;

/** A two-sided percentile interval at the given confidence level. */
public record Interval(double lower, double upper, double level) {
}
