package io.hybench.emulator.engine;

import io.hybench.emulator.profile.VllmParams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * vLLM V1-style scheduler: every step first gives each running sequence its decode token (or the next
 * chunk of its prefill), then admits waiting sequences into the remaining token budget. KV space is
 * allocated per token; when it runs out the newest running sequence is preempted and later recomputed
 * (prompt plus the tokens it already produced). A step's tokens are announced when the step starts.
 * Automatic prefix caching ({@link BlockPrefixCache}, vLLM's default block size of 16 tokens) lets an admitted
 * sequence skip the prefill of the prompt blocks already cached; its blocks are cached as they are scheduled.
 */
final class VllmEngine implements Engine {
    /** vLLM's default KV block size on CUDA (--block-size 16). */
    static final int BLOCK_SIZE = 16;

    private static final class Seq {
        final Job job;
        final JobSink sink;
        final long arrivalNanos;
        int prefillTarget;
        long kv;
        int generated;
        int scheduledTokens;
        int cachedTokens;
        long firstScheduledNanos = -1;
        long prefillEndNanos = -1;
        boolean done;
        boolean cancelled;

        Seq(Job job, JobSink sink, long arrivalNanos) {
            this.job = job;
            this.sink = sink;
            this.arrivalNanos = arrivalNanos;
            this.prefillTarget = job.promptTokens();
        }

        boolean prefilling() {
            return kv < prefillTarget;
        }
    }

    private final VllmParams params;
    private final EventLoop loop;
    private final ArrayDeque<Seq> waiting = new ArrayDeque<>();
    private final List<Seq> running = new ArrayList<>();
    private final Map<Long, Seq> byId = new HashMap<>();
    private final BlockPrefixCache prefixCache;
    private long kvUsed;
    private long preemptions;
    private long prefixQueries;
    private long prefixHits;
    private boolean stepping;
    private volatile EngineGauges gauges = EngineGauges.IDLE;

    VllmEngine(VllmParams params, EventLoop loop) {
        this.params = params;
        this.loop = loop;
        this.prefixCache = new BlockPrefixCache(BLOCK_SIZE, params.kvCacheTokens());
    }

    @Override
    public void submit(Job job, JobSink sink) {
        if (job.purpose() != Job.Purpose.GENERATE) {
            Job.answerAtOnce(sink, loop.now());
            return;
        }
        Seq s = new Seq(job, sink, loop.now());
        byId.put(job.id(), s);
        waiting.addLast(s);
        sink.accept(new Emission.Accepted(loop.now()));
        if (!stepping) startStep();
        publish();
    }

    @Override
    public void cancel(long jobId) {
        Seq s = byId.get(jobId);
        if (s == null) return;
        s.cancelled = true;
        if (waiting.remove(s)) byId.remove(jobId);
        publish();
    }

    @Override
    public EngineGauges gauges() {
        return gauges;
    }

    private void startStep() {
        long now = loop.now();
        int budget = params.maxNumBatchedTokens();
        List<Seq> scheduled = new ArrayList<>();
        boolean preempted = false;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            Seq s = running.get(i);
            int want = s.prefilling() ? Math.min(s.prefillTarget - (int) s.kv, budget) : 1;
            while (kvUsed + want > params.kvCacheTokens() && running.get(running.size() - 1) != s) {
                preempt(running.remove(running.size() - 1));
                preempted = true;
            }
            if (kvUsed + want > params.kvCacheTokens()) {
                preempt(running.remove(i));
                preempted = true;
                break;
            }
            schedule(s, want, scheduled);
            budget -= want;
        }
        while (!preempted && budget > 0 && running.size() < params.maxNumSeqs() && !waiting.isEmpty()) {
            Seq s = waiting.peekFirst();
            int cached = prefixCache.cachedTokens(s.job.promptIds(), s.prefillTarget);
            int chunk = Math.min(s.prefillTarget - cached, budget);
            if (kvUsed + cached + chunk > params.kvCacheTokens()) break;
            prefixQueries += s.prefillTarget;
            prefixHits += cached;
            waiting.pollFirst();
            running.add(s);
            if (s.firstScheduledNanos < 0) {
                s.firstScheduledNanos = now;
                s.cachedTokens = cached;
            }
            s.kv = cached;
            kvUsed += cached;
            schedule(s, chunk, scheduled);
            budget -= chunk;
        }
        if (scheduled.isEmpty()) {
            stepping = false;
            publish();
            return;
        }
        long tokens = 0;
        long context = 0;
        for (Seq s : scheduled) {
            tokens += s.scheduledTokens;
            context += s.kv;
        }
        long end = now + params.stepBaseNanos() + params.perTokenNanos() * tokens
                + Math.round(params.perContextTokenNanos() * context);
        for (Seq s : scheduled) {
            if (s.prefilling()) continue;
            if (s.prefillEndNanos < 0) s.prefillEndNanos = end;
            s.sink.accept(new Emission.Token(s.generated, end));
            s.generated++;
            if (s.generated == s.job.outputTokens()) {
                s.done = true;
                s.sink.accept(new Emission.Finished(end, new Completion(s.arrivalNanos, 0,
                        s.prefillEndNanos - s.firstScheduledNanos, end - s.prefillEndNanos, s.generated, CacheUse.read(s.cachedTokens))));
            }
        }
        stepping = true;
        loop.at(end, this::endStep);
        publish();
    }

    private void schedule(Seq s, int tokens, List<Seq> scheduled) {
        boolean prefill = s.prefilling();
        s.scheduledTokens = tokens;
        s.kv += tokens;
        kvUsed += tokens;
        scheduled.add(s);
        if (prefill) prefixCache.insert(s.job.promptIds(), (int) Math.min(s.kv, s.job.promptTokens()));
    }

    /** Recompute-style preemption: drop the KV, keep the emitted tokens, requeue at the front. */
    private void preempt(Seq s) {
        kvUsed -= s.kv;
        s.kv = 0;
        s.prefillTarget = s.job.promptTokens() + s.generated;
        waiting.addFirst(s);
        preemptions++;
    }

    private void endStep() {
        running.removeIf(s -> {
            if (!s.done && !s.cancelled) return false;
            kvUsed -= s.kv;
            byId.remove(s.job.id());
            return true;
        });
        startStep();
    }

    private void publish() {
        gauges = new EngineGauges(running.size(), waiting.size(), (double) kvUsed / params.kvCacheTokens(),
                preemptions, true, -1, 0, prefixQueries, prefixHits);
    }
}
