package io.hybench.bench.load;

import java.util.random.RandomGenerator;

/**
 * A seeded distribution of non-negative whole numbers: token lengths (input, output) or think times
 * in milliseconds. Samples are rounded and clamped to {@code [min, max]}, so a normal never yields a
 * negative length and a lognormal's long tail cannot exceed a context window.
 */
public sealed interface Distribution {

    long sample(RandomGenerator random);

    /** Always {@code value}. */
    record Fixed(long value) implements Distribution {
        public Fixed {
            if (value < 0) throw new IllegalArgumentException("value must be >= 0, was " + value);
        }

        @Override
        public long sample(RandomGenerator random) {
            return value;
        }
    }

    /** Every whole number in {@code [min, max]} equally likely. */
    record Uniform(long min, long max) implements Distribution {
        public Uniform {
            if (min < 0 || max < min) throw new IllegalArgumentException("need 0 <= min <= max, was min=" + min + " max=" + max);
        }

        @Override
        public long sample(RandomGenerator random) {
            return min == max ? min : random.nextLong(min, max + 1);
        }
    }

    /** Normal with the given mean and standard deviation, rounded and clamped. */
    record Normal(double mean, double stddev, long min, long max) implements Distribution {
        public Normal {
            checkShape(mean, stddev, min, max);
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
    record LogNormal(double mean, double stddev, long min, long max) implements Distribution {
        public LogNormal {
            checkShape(mean, stddev, min, max);
            if (mean <= 0) throw new IllegalArgumentException("mean must be > 0, was " + mean);
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

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
