package io.hybench.calibrate.cost;

/**
 * What a calibration's cost figures count. {@code USD} when every row's cost is known (per-row cost
 * columns, or token counts times the price file); otherwise {@code CLOUD_CALLS}: local calls cost 0
 * and each cloud call costs 1, so "cost per 1k queries" is cloud calls per 1,000 queries.
 */
public enum CostUnit {
    USD,
    CLOUD_CALLS
}
