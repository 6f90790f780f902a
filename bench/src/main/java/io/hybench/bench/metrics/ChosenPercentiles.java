package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The percentiles a user asked to see (as {@code vllm bench serve --metric-percentiles}), ascending, each in (0, 100].
 * They are read off the step's merged histograms, so any percentile of the recorded distribution is exact to the
 * histogram's precision; summary.json keeps its fixed set.
 */
public record ChosenPercentiles(@JsonValue List<Double> values) {
    /** P50, P90, P95, P99 and P99.9. */
    public static final ChosenPercentiles DEFAULT = new ChosenPercentiles(List.of(50.0, 90.0, 95.0, 99.0, 99.9));

    /** A workload file states them as a plain list: {@code percentiles: [50, 99, 99.9]}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ChosenPercentiles {
        values = values.stream().distinct().sorted().toList();
        if (values.isEmpty()) throw new IllegalArgumentException("percentiles must list at least one");
        for (double p : values) {
            if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentiles must be in (0, 100], was " + p);
        }
    }

    /**
     * A {@code @JsonInclude(CUSTOM)} value filter that leaves the default out of written files, so workloads that
     * never chose percentiles are written as before.
     */
    public static final class IsDefault {
        @Override
        public boolean equals(Object value) {
            return DEFAULT.equals(value);
        }

        @Override
        public int hashCode() {
            return DEFAULT.hashCode();
        }
    }

    /** From a comma-separated list, e.g. {@code 50,90,99.9}. */
    public static ChosenPercentiles parse(String text) {
        try {
            return new ChosenPercentiles(Arrays.stream(text.split(",")).map(String::trim).map(Double::valueOf).toList());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("percentiles: expected numbers separated by commas, was '" + text + "'");
        }
    }

    /** The percentile as written, without trailing zeros: 50 gives {@code p50}, 99.9 gives {@code p99.9}. */
    public static String label(double percentile) {
        return "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
