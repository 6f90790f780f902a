package io.hybench.tools.fit;

import io.hybench.emulator.engine.Emission;
import io.hybench.emulator.engine.Engine;
import io.hybench.emulator.engine.Job;
import io.hybench.emulator.engine.SimulatedLoop;
import io.hybench.emulator.profile.EngineParams;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The emulator's engine code in simulated time under one level of a run's load, so its figures compare with
 * the measured ones. With the run's request log, the requests are replayed as the client sent them (its send
 * times, lengths and which were measured); without it, the same users or arrivals, warm-up and window as the
 * run follow the pacing's ideal schedule, and requests whose intended send falls in the window are measured.
 * Measured requests are followed to their end (as bench's drain does); output tokens/s counts tokens delivered
 * inside the window.
 */
public final class EngineSimulation {
    private static final long DRAIN_NANOS = 600_000_000_000L;

    private EngineSimulation() {
    }

    public static LevelFigures run(EngineParams params, RunShape shape, int level) {
        return new Level(params, shape, level).simulate();
    }

    private static final class Level {
        final SimulatedLoop loop = new SimulatedLoop();
        final Engine engine;
        final RunShape shape;
        final double load;
        final long windowStart;
        final long windowEnd;
        final SplittableRandom random;
        final int level;
        final ArrayDeque<Long> capped = new ArrayDeque<>();
        long[] ttft = new long[64], itl = new long[1024], e2e = new long[64];
        int nTtft, nItl, nE2e;
        long tokensInWindow;
        long nextId;
        long measured;
        int inFlight;

        Level(EngineParams params, RunShape shape, int level) {
            this.engine = Engine.create(params, loop, shape.seed());
            this.shape = shape;
            this.load = shape.sweep().levels().get(level);
            this.windowStart = shape.sweep().warmupNanos();
            this.windowEnd = windowStart + shape.sweep().windowNanos().get(level);
            this.random = new SplittableRandom(shape.seed() * 31 + level);
            this.level = level;
        }

        LevelFigures simulate() {
            if (!shape.sent().isEmpty()) {
                for (RunShape.Sent r : shape.sent().get(level)) {
                    loop.at(r.sendNanos(), () -> submit(r.intendedNanos(), r.promptTokens(), r.outputTokens(), r.measured()));
                }
            } else if (shape.pacing() instanceof RunShape.OpenLoop open) {
                long t = 0;
                while (t < windowEnd) {
                    long at = t;
                    loop.at(at, () -> arrive(at));
                    double gap = open.poisson() ? -Math.log(1 - random.nextDouble()) / load : 1 / load;
                    t += Math.max(1, Math.round(gap * 1e9));
                }
            } else {
                for (int u = 0; u < (int) load; u++) loop.at(0, () -> send(loop.now()));
            }
            loop.runUntil(windowEnd + DRAIN_NANOS);
            double windowSeconds = (windowEnd - windowStart) / 1e9;
            return new LevelFigures(load, measured, pct(ttft, nTtft, 50), pct(ttft, nTtft, 99), pct(itl, nItl, 50),
                    pct(itl, nItl, 99), pct(e2e, nE2e, 50), pct(e2e, nE2e, 99), tokensInWindow / windowSeconds);
        }

        void arrive(long intended) {
            Integer cap = shape.pacing() instanceof RunShape.OpenLoop open ? open.maxInFlight() : null;
            if (cap != null && inFlight >= cap) capped.addLast(intended);
            else send(intended);
        }

        void send(long intended) {
            if (shape.closedLoop() && intended >= windowEnd) return; // users stop sending when the window closes
            int prompt = shape.tokens().prompt()[random.nextInt(shape.tokens().prompt().length)];
            int output = shape.tokens().output()[random.nextInt(shape.tokens().output().length)];
            submit(intended, prompt, output, intended >= windowStart && intended < windowEnd);
        }

        void submit(long intended, int prompt, int output, boolean inWindow) {
            if (inWindow) measured++;
            inFlight++;
            long[] last = {-1};
            engine.submit(new Job(nextId++, prompt, output, "fit", null), e -> {
                switch (e) {
                    case Emission.Token t -> token(t.atNanos(), intended, last, inWindow);
                    case Emission.Finished f -> finished(f.atNanos(), intended, inWindow);
                    case Emission.Rejected r -> finished(r.atNanos(), intended, false);
                    case Emission.Accepted a -> {
                    }
                }
            });
        }

        void token(long at, long intended, long[] last, boolean measuredRequest) {
            if (at >= windowStart && at < windowEnd) tokensInWindow++;
            if (measuredRequest) {
                if (last[0] < 0) ttft = add(ttft, nTtft++, at - intended);
                else itl = add(itl, nItl++, at - last[0]);
            }
            last[0] = at;
        }

        void finished(long at, long intended, boolean measuredRequest) {
            inFlight--;
            if (measuredRequest) e2e = add(e2e, nE2e++, at - intended);
            if (!shape.sent().isEmpty()) return; // the log holds every request the run sent
            if (shape.pacing() instanceof RunShape.ClosedLoop closed) {
                long think = Math.round(closed.thinkTimeMs().sample(random) * 1e6);
                loop.at(at + think, () -> send(loop.now()));
            } else if (!capped.isEmpty()) {
                send(capped.pollFirst());
            }
        }

        static long[] add(long[] a, int i, long v) {
            if (i == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[i] = v;
            return a;
        }

        /** Nearest-rank percentile in ms; NaN without samples. */
        static double pct(long[] a, int n, double p) {
            if (n == 0) return Double.NaN;
            long[] s = Arrays.copyOf(a, n);
            Arrays.sort(s);
            int rank = (int) Math.ceil(p / 100.0 * n);
            return s[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
        }
    }
}
