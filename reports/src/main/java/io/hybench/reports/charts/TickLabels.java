package io.hybench.reports.charts;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How the value at a tick is written. Formatting is locale-independent (Locale.ROOT). Every format
 * is a monotone rounding, never a clamp (see {@link #percentileFromInverseTail}).
 */
public enum TickLabels {
    /** Plain number, grouping off, at most three decimals. */
    NUMBER,
    /** A fraction in [0, 1] written as a percentage ("85%"). */
    PERCENT,
    /**
     * The percentile-spectrum axis: the value is 1/(1-p), so decades read 0%, 90%, 99%, 99.9% ...
     * (the layout of HdrHistogram's HistogramLogProcessor plots).
     */
    INVERSE_TAIL_PERCENTILE,
    /** Large counts with an SI suffix (1.5M, 12G), for volumes of tokens. */
    SI;

    private static final String[] SI_SUFFIXES = {"", "k", "M", "G", "T", "P"};

    public String format(double value) {
        return switch (this) {
            case NUMBER -> decimal("0.###").format(value);
            case PERCENT -> decimal("0.#").format(value * 100) + "%";
            case INVERSE_TAIL_PERCENTILE -> percentileFromInverseTail(value);
            case SI -> si(value);
        };
    }

    /**
     * Inverse of the spectrum axis: x = 1/(1-p) back to "p%", written without trailing zeros. No
     * clamping below x = 1, where XChart places an off-plot tick: XChart widens its tick step until
     * neighbouring labels differ, which never happens if a whole region maps to one label. So the digits grow with the
     * tail: at least six significant, and two past the tail's leading nine (99.99999% is not 100%).
     */
    static String percentileFromInverseTail(double inverseTail) {
        double percent = 100 * (1 - 1 / inverseTail);
        int digits = Math.max(6, (int) Math.ceil(Math.log10(Math.max(1, inverseTail))) + 4);
        BigDecimal rounded = new BigDecimal(percent).round(new java.math.MathContext(digits)).stripTrailingZeros();
        return rounded.toPlainString() + "%";
    }

    private static String si(double value) {
        double v = Math.abs(value);
        // Past the largest prefix, scientific notation: "1000000P" for every large tick would look alike to XChart, which then never stops widening.
        if (v >= 1e18) return decimal("0.##E0").format(value);
        int i = 0;
        while (v >= 1000 && i < SI_SUFFIXES.length - 1) {
            v /= 1000;
            i++;
        }
        return (value < 0 ? "-" : "") + decimal("0.##").format(v) + SI_SUFFIXES[i];
    }

    private static DecimalFormat decimal(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
