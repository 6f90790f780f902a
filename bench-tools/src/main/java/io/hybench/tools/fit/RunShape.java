package io.hybench.tools.fit;

import io.hybench.bench.load.Distribution;

import java.util.List;

/**
 * What a measured run asked of the server, as the simulation replays it: the load levels with each
 * level's warm-up and measured window, and the prompt and output lengths (in the server's tokens) drawn
 * from the run's own request log where it has one.
 *
 * @param closedLoop     users (true) or request rates (false)
 * @param levels         users or requests/s, one per level
 * @param windowNanos    each level's measured window (the step's load window)
 * @param thinkTimeMs    closed loop: pause after each response
 * @param poisson        open loop: Poisson (true) or constant gaps
 * @param maxInFlight    open loop: cap on concurrent requests, null for none
 * @param promptTokens   prompt lengths to draw from (uniformly)
 * @param outputTokens   output lengths to draw from (uniformly)
 */
public record RunShape(String runName, String target, String model, boolean closedLoop, List<Double> levels,
                       long warmupNanos, List<Long> windowNanos, Distribution thinkTimeMs, boolean poisson,
                       Integer maxInFlight, int[] promptTokens, int[] outputTokens, long seed) {
    public RunShape {
        levels = List.copyOf(levels);
        windowNanos = List.copyOf(windowNanos);
        if (levels.size() != windowNanos.size()) throw new IllegalArgumentException("one window per level");
        if (promptTokens.length == 0 || outputTokens.length == 0) throw new IllegalArgumentException("no token lengths");
    }

    public double meanPromptTokens() {
        double s = 0;
        for (int t : promptTokens) s += t;
        return s / promptTokens.length;
    }

    public int medianOutputTokens() {
        int[] sorted = outputTokens.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
