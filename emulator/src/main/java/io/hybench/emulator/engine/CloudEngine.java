package io.hybench.emulator.engine;

import io.hybench.emulator.profile.CloudParams;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A cloud API as one client sees it: independent streams, a network round trip, a lognormal wait
 * before the first token, a per-stream decode rate with lognormal gap jitter, per-key sliding-minute
 * request and token limits (429 with the time until the window has room), random overload refusals, and the
 * provider's prompt cache ({@link CloudPromptCache}): cached prompt tokens are not prefilled.
 */
final class CloudEngine implements Engine {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private record Use(long atNanos, long tokens) {
    }

    private static final class Window {
        final ArrayDeque<Use> uses = new ArrayDeque<>();
        long tokens;

        void prune(long now) {
            while (!uses.isEmpty() && uses.peekFirst().atNanos() <= now - MINUTE_NANOS) tokens -= uses.pollFirst().tokens();
        }
    }

    private final CloudParams params;
    private final EventLoop loop;
    private final SplittableRandom random;
    private final Map<String, Window> windows = new HashMap<>();
    private final CloudPromptCache promptCache;
    private int running;
    private volatile EngineGauges gauges = EngineGauges.IDLE;

    CloudEngine(CloudParams params, EventLoop loop, long seed) {
        this.params = params;
        this.loop = loop;
        this.random = new SplittableRandom(seed);
        this.promptCache = new CloudPromptCache(params.cacheMinTokens());
    }

    @Override
    public void submit(Job job, JobSink sink) {
        if (job.purpose() != Job.Purpose.GENERATE) {
            Job.answerAtOnce(sink, loop.now());
            return;
        }
        long now = loop.now();
        long responseStart = now + params.rttNanos();
        Rejection limited = checkLimits(job, now);
        if (limited != null) {
            sink.accept(new Emission.Rejected(responseStart, limited));
            return;
        }
        if (random.nextDouble() < params.overloadRate()) {
            sink.accept(new Emission.Rejected(responseStart, new Rejection.Overloaded()));
            return;
        }
        CacheUse cache = promptCache.admit(job.rateKey(), job.promptIds(), now);
        sink.accept(new Emission.Accepted(responseStart, cache));
        long queue = Math.round(params.queueMedianNanos() * Math.exp(params.queueSigma() * random.nextGaussian()));
        long prefill = Math.round((job.promptTokens() - cache.readTokens()) / params.prefillTokensPerSecond() * 1e9);
        long t = responseStart + queue + prefill;
        long firstToken = t;
        double meanGapNanos = 1e9 / params.decodeTokensPerSecond();
        double sigma = params.decodeJitterSigma();
        for (int i = 0; i < job.outputTokens(); i++) {
            if (i > 0) t += Math.round(meanGapNanos * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2));
            sink.accept(new Emission.Token(i, t));
        }
        sink.accept(new Emission.Finished(t, new Completion(now, 0, prefill, t - firstToken, job.outputTokens(), cache)));
        running++;
        loop.at(t, () -> {
            running--;
            publish();
        });
        publish();
    }

    private Rejection checkLimits(Job job, long now) {
        Window w = windows.computeIfAbsent(job.rateKey(), k -> new Window());
        w.prune(now);
        long requested = (long) job.promptTokens() + job.outputTokens();
        if (params.requestsPerMinute() > 0 && w.uses.size() >= params.requestsPerMinute()) {
            return new Rejection.RateLimited("requests", params.requestsPerMinute(), w.uses.size(), 1,
                    w.uses.peekFirst().atNanos() + MINUTE_NANOS - now);
        }
        if (params.tokensPerMinute() > 0 && w.tokens + requested > params.tokensPerMinute()) {
            long freed = 0;
            long retry = MINUTE_NANOS;
            for (Use u : w.uses) {
                freed += u.tokens();
                if (w.tokens - freed + requested <= params.tokensPerMinute()) {
                    retry = u.atNanos() + MINUTE_NANOS - now;
                    break;
                }
            }
            return new Rejection.RateLimited("tokens", params.tokensPerMinute(), w.tokens, requested, retry);
        }
        w.uses.addLast(new Use(now, requested));
        w.tokens += requested;
        return null;
    }

    @Override
    public void cancel(long jobId) {
        // streams are independent: a cancelled one frees nothing another stream could use
    }

    @Override
    public EngineGauges gauges() {
        return gauges;
    }

    private void publish() {
        gauges = new EngineGauges(running, 0, 0, 0, true, -1, 0);
    }
}
