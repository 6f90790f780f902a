package io.hybench.tools.fit;

/**
 * One load level's figures, measured by a bench run or produced by the emulator in simulated time.
 * Latencies in ms as defined in docs/metrics.md (TTFT from the intended send, ITL between consecutive
 * tokens, E2E from the intended send to the last token); NaN where nothing was measured.
 */
public record LevelFigures(double load, long requests, double ttftP50Ms, double ttftP99Ms, double itlP50Ms,
                           double itlP99Ms, double e2eP50Ms, double e2eP99Ms, double outputTokensPerSecond) {

    /** The figures compared per level, in report order. */
    public enum Figure {
        TTFT_P50("TTFT P50 ms", true), TTFT_P99("TTFT P99 ms", false), ITL_P50("ITL P50 ms", true),
        ITL_P99("ITL P99 ms", false), E2E_P50("E2E P50 ms", true), E2E_P99("E2E P99 ms", false),
        OUTPUT_TOKENS_PER_S("output tok/s", true);

        /** Label in tables and reports. */
        public final String label;
        /** Whether the fit minimises its error (medians and throughput; P99s of short steps are too noisy). */
        public final boolean fitted;

        Figure(String label, boolean fitted) {
            this.label = label;
            this.fitted = fitted;
        }
    }

    public double get(Figure f) {
        return switch (f) {
            case TTFT_P50 -> ttftP50Ms;
            case TTFT_P99 -> ttftP99Ms;
            case ITL_P50 -> itlP50Ms;
            case ITL_P99 -> itlP99Ms;
            case E2E_P50 -> e2eP50Ms;
            case E2E_P99 -> e2eP99Ms;
            case OUTPUT_TOKENS_PER_S -> outputTokensPerSecond;
        };
    }
}
