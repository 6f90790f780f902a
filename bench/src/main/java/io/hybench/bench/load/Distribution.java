package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A seeded distribution of non-negative whole numbers: token lengths (input, output) or think times
 * in milliseconds. Samples are rounded and clamped to {@code [min, max]}, so a normal never yields a
 * negative length and a lognormal's long tail cannot exceed a context window. In a file a plain whole
 * number is {@link Fixed}; otherwise the {@code distribution} key names the kind (docs/results.md).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "distribution", defaultImpl = Distribution.Fixed.class)
@JsonTypeIdResolver(Distribution.Kinds.class)
public sealed interface Distribution {

    long sample(RandomGenerator random);

    /** This distribution with samples never below {@code floor} (shaped ones only: fixed and uniform say it exactly). */
    default Distribution atLeast(long floor) {
        return switch (this) {
            case Normal n when n.min() < floor -> new Normal(n.mean(), n.stddev(), floor, Math.max(floor, n.max()));
            case LogNormal n when n.min() < floor -> new LogNormal(n.mean(), n.stddev(), floor, Math.max(floor, n.max()));
            default -> this;
        };
    }

    /** Always {@code value}. */
    record Fixed(@JsonProperty(required = true) long value) implements Distribution {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Fixed {
            if (value < 0) throw new IllegalArgumentException("value must be >= 0, was " + value);
        }

        /** A plain number in a file. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Fixed of(long value) {
            return new Fixed(value);
        }

        @Override
        public long sample(RandomGenerator random) {
            return value;
        }
    }

    /** Every whole number in {@code [min, max]} equally likely. */
    record Uniform(@JsonProperty(required = true) long min, @JsonProperty(required = true) long max) implements Distribution {
        public Uniform {
            if (min < 0 || max < min) throw new IllegalArgumentException("need 0 <= min <= max, was min=" + min + " max=" + max);
        }

        @Override
        public long sample(RandomGenerator random) {
            return min == max ? min : random.nextLong(min, max + 1);
        }
    }

    /** Normal with the given mean and standard deviation, rounded and clamped. */
    record Normal(double mean, double stddev, long min, @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Unbounded.class) long max)
            implements Distribution {
        public Normal {
            checkShape(mean, stddev, min, max);
        }

        /** Unbounded above and at least 0 unless given. */
        @JsonCreator
        static Normal fromFile(@JsonProperty(value = "mean", required = true) double mean,
                               @JsonProperty(value = "stddev", required = true) double stddev,
                               @JsonProperty("min") Long min, @JsonProperty("max") Long max) {
            return new Normal(mean, stddev, min != null ? min : 0, max != null ? max : Long.MAX_VALUE);
        }

        @Override
        public long sample(RandomGenerator random) {
            return clamp(Math.round(mean + stddev * random.nextGaussian()), min, max);
        }
    }

    /**
     * Lognormal given by its mean and standard deviation in linear space (what a user knows about
     * prompt lengths), converted to the underlying normal: sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2.
     */
    record LogNormal(double mean, double stddev, long min,
                     @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Unbounded.class) long max) implements Distribution {
        public LogNormal {
            checkShape(mean, stddev, min, max);
            if (mean <= 0) throw new IllegalArgumentException("mean must be > 0, was " + mean);
        }

        /** Unbounded above and at least 0 unless given. */
        @JsonCreator
        static LogNormal fromFile(@JsonProperty(value = "mean", required = true) double mean,
                                  @JsonProperty(value = "stddev", required = true) double stddev,
                                  @JsonProperty("min") Long min, @JsonProperty("max") Long max) {
            return new LogNormal(mean, stddev, min != null ? min : 0, max != null ? max : Long.MAX_VALUE);
        }

        @Override
        public long sample(RandomGenerator random) {
            double sigma2 = Math.log1p(stddev * stddev / (mean * mean));
            double mu = Math.log(mean) - sigma2 / 2;
            return clamp(Math.round(Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian())), min, max);
        }
    }

    private static void checkShape(double mean, double stddev, long min, long max) {
        if (!Double.isFinite(mean) || mean < 0) throw new IllegalArgumentException("mean must be >= 0, was " + mean);
        if (!Double.isFinite(stddev) || stddev < 0) throw new IllegalArgumentException("stddev must be >= 0, was " + stddev);
        if (min < 0 || max < min) throw new IllegalArgumentException("need 0 <= min <= max, was min=" + min + " max=" + max);
    }

    /** The {@code distribution} key's values; an unknown one is an error rather than a fixed value. */
    final class Kinds extends TypeIdResolverBase {
        private static final Map<String, Class<? extends Distribution>> KINDS = new LinkedHashMap<>();

        static {
            KINDS.put("fixed", Fixed.class);
            KINDS.put("uniform", Uniform.class);
            KINDS.put("normal", Normal.class);
            KINDS.put("lognormal", LogNormal.class);
        }

        @Override
        public String idFromValue(Object value) {
            return idFromValueAndType(value, value.getClass());
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> type) {
            return KINDS.entrySet().stream().filter(e -> e.getValue() == type).findFirst().orElseThrow().getKey();
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) throws IOException {
            Class<? extends Distribution> type = KINDS.get(id.toLowerCase(Locale.ROOT));
            if (type == null) {
                throw ((DeserializationContext) context).invalidTypeIdException(context.constructType(Distribution.class), id,
                        "known type ids = [" + String.join(", ", KINDS.keySet()) + "]");
            }
            return context.constructType(type);
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.NAME;
        }
    }

    /** Leaves an unbounded {@code max} out of the written file (Jackson drops a value this filter equals). */
    final class Unbounded {
        @Override
        public boolean equals(Object o) {
            return o instanceof Long l && l == Long.MAX_VALUE;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
