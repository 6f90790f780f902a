package io.hybench.tools.fit;

import io.hybench.bench.load.Distribution;

import java.util.Arrays;
import java.util.List;

/**
 * What a measured run asked of the server, as the simulation replays it: the load levels with each
 * level's warm-up and measured window, how requests were paced, and the prompt and output lengths (in the
 * server's tokens) drawn from the run's own request log where it has one.
 *
 * @param source which run and target were measured
 * @param sweep  the load levels and their windows
 * @param pacing closed loop (users) or open loop (request rates)
 * @param tokens the lengths to draw from
 * @param seed   the run's seed
 * @param sent   per level, the requests as the client actually sent them (from the run's request log), replayed
 *               instead of the pacing's ideal schedule; empty without a request log
 */
public record RunShape(Source source, Sweep sweep, Pacing pacing, Tokens tokens, long seed, List<List<Sent>> sent) {
    public RunShape {
        sent = sent.stream().map(List::copyOf).toList();
        if (!sent.isEmpty() && sent.size() != sweep.levels().size()) throw new IllegalArgumentException("one list of sent requests per level");
    }

    /** A run without a request log: its pacing's ideal schedule is simulated. */
    public RunShape(Source source, Sweep sweep, Pacing pacing, Tokens tokens, long seed) {
        this(source, sweep, pacing, tokens, seed, List.of());
    }

    /** The measured run, its target and the target's model. */
    public record Source(String runName, String target, String model) {
    }

    /**
     * The load levels with their windows.
     *
     * @param levels      users or requests/s, one per level
     * @param warmupNanos each level's warm-up before its window
     * @param windowNanos each level's measured window (the step's load window)
     */
    public record Sweep(List<Double> levels, long warmupNanos, List<Long> windowNanos) {
        public Sweep {
            levels = List.copyOf(levels);
            windowNanos = List.copyOf(windowNanos);
            if (levels.size() != windowNanos.size()) throw new IllegalArgumentException("one window per level");
        }
    }

    /**
     * One request as sent. A busy client sends late (and, in a closed loop, resends a few ms after each answer, so
     * the next prompt misses the step that is already running): the ideal schedule would hide both.
     *
     * @param intendedNanos when the schedule wanted it sent (its latencies start here), from the level's start
     * @param sendNanos     when the client sent it (the simulated server receives it then), from the level's start
     * @param promptTokens  its prompt length in the server's tokens
     * @param outputTokens  its output length in the server's tokens
     * @param measured      whether the run measured its latencies (sent in the window and successful)
     */
    public record Sent(long intendedNanos, long sendNanos, int promptTokens, int outputTokens, boolean measured) {
    }

    /** How requests were paced: a level is users (closed loop) or requests/s (open loop). */
    public sealed interface Pacing permits ClosedLoop, OpenLoop {
    }

    /** @param thinkTimeMs pause after each response */
    public record ClosedLoop(Distribution thinkTimeMs) implements Pacing {
    }

    /**
     * @param poisson     Poisson (true) or constant gaps
     * @param maxInFlight cap on concurrent requests, null for none
     */
    public record OpenLoop(boolean poisson, Integer maxInFlight) implements Pacing {
    }

    /**
     * @param prompt prompt lengths to draw from (uniformly)
     * @param output output lengths to draw from (uniformly)
     */
    public record Tokens(int[] prompt, int[] output) {
        public Tokens {
            if (prompt.length == 0 || output.length == 0) throw new IllegalArgumentException("no token lengths");
        }

        public double meanPrompt() {
            double s = 0;
            for (int t : prompt) s += t;
            return s / prompt.length;
        }

        public int medianOutput() {
            int[] sorted = output.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    /** Users (true) or request rates (false). */
    public boolean closedLoop() {
        return pacing instanceof ClosedLoop;
    }
}
