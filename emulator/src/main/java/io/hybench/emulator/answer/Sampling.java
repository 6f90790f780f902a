package io.hybench.emulator.answer;

/**
 * How a request samples, which decides whether its answer repeats: greedy decoding (temperature 0)
 * always gives the same answer, a seeded sample repeats for the same seed, an unseeded one is fresh.
 */
public sealed interface Sampling {
    /** Mixed into the draw's seed; the variants never collide. */
    long key();

    /** Temperature 0: the seed is irrelevant, every request gets the one greedy answer. */
    record Greedy() implements Sampling {
        @Override
        public long key() {
            return 0x6A09E667F3BCC908L;
        }
    }

    /** Temperature above 0 (or the server default) with a sampling seed. */
    record Seeded(long seed) implements Sampling {
        @Override
        public long key() {
            return Draws.mix(seed * 0x9E3779B97F4A7C15L + 1);
        }
    }

    /** Temperature above 0 without a seed: a fresh draw for each request (by its arrival number). */
    record Unseeded(long requestNumber) implements Sampling {
        @Override
        public long key() {
            return Draws.mix(requestNumber * 0xC2B2AE3D27D4EB4FL + 2);
        }
    }

    /** Greedy when the temperature is exactly 0, else by seed. */
    static Sampling of(Double temperature, Long seed, long requestNumber) {
        if (temperature != null && temperature == 0) return new Greedy();
        return seed != null ? new Seeded(seed) : new Unseeded(requestNumber);
    }
}
