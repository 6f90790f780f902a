package io.hybench.calibrate.collect.grade;

import java.math.BigDecimal;

/**
 * When two numbers count as equal: {@code |answer - gold| <= max(absolute, relative * |gold|)}.
 * Both are zero for exact comparison; a question set that asks for rounding states it in its prompt.
 */
public record NumericTolerance(double absolute, double relative) {
    public static final NumericTolerance EXACT = new NumericTolerance(0, 0);

    public NumericTolerance {
        if (!(absolute >= 0) || !(relative >= 0)) throw new IllegalArgumentException("tolerances must be >= 0, got " + absolute + " and " + relative);
    }

    public boolean equal(BigDecimal answer, BigDecimal gold) {
        BigDecimal diff = answer.subtract(gold).abs();
        if (diff.signum() == 0) return true;
        double allowed = Math.max(absolute, relative * gold.abs().doubleValue());
        return diff.doubleValue() <= allowed;
    }
}
