package io.hybench.emulator.engine;

import io.hybench.emulator.profile.OllamaParams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ollama-style scheduler and llama.cpp-style runner. A request for a loaded model waits for one of
 * {@code num_parallel} slots without bound; a request that needs the model loaded goes through a pending
 * queue of {@code max_queue} and is refused (503) when it is full. Each runner step prefills the prompts
 * of sequences that just got a slot and decodes one token for every active sequence, so a new prompt
 * stalls the running streams for its prefill time. An idle model unloads after keep_alive (each
 * request's, else the profile's). A request without a prompt only loads the model, or with keep_alive 0
 * unloads it, as Ollama's empty-prompt requests do; a request for another context (num_ctx) reloads it.
 * A sequence prefills only what its slot's cache does not already hold ({@link SlotCache}).
 */
final class OllamaEngine implements Engine {
    private static final class Seq {
        final Job job;
        final JobSink sink;
        final long arrivalNanos;
        long loadNanos;
        long promptEvalNanos;
        long prefillEndNanos = -1;
        int slot = -1;
        int cachedTokens;
        int generated;
        boolean done;
        boolean cancelled;

        Seq(Job job, JobSink sink, long arrivalNanos) {
            this.job = job;
            this.sink = sink;
            this.arrivalNanos = arrivalNanos;
        }
    }

    private final OllamaParams params;
    private final EventLoop loop;
    private final ArrayDeque<Seq> pendingLoad = new ArrayDeque<>();
    private final ArrayDeque<Seq> slotWait = new ArrayDeque<>();
    private final List<Seq> active = new ArrayList<>();
    private final Map<Long, Seq> byId = new HashMap<>();
    private final SlotCache slots;
    private boolean loaded;
    private boolean loading;
    private boolean stepping;
    private long unloadGeneration;
    private long unloadAtNanos = -1;
    private long keepAliveNanos;
    private int loadedContext;
    private volatile EngineGauges gauges;

    OllamaEngine(OllamaParams params, EventLoop loop) {
        this.params = params;
        this.loop = loop;
        this.keepAliveNanos = params.keepAliveNanos();
        this.slots = new SlotCache(params.numParallel());
        publish();
    }

    @Override
    public void submit(Job job, JobSink sink) {
        long now = loop.now();
        Seq s = new Seq(job, sink, now);
        // each request sets how long the model stays after it; without keep_alive, the server default
        keepAliveNanos = job.keepAliveNanos() != null ? job.keepAliveNanos() : params.keepAliveNanos();
        if (job.purpose() == Job.Purpose.UNLOAD) {
            unload();
            Job.answerAtOnce(sink, now);
            return;
        }
        // requests queued for a (re)load hold back those behind them, as Ollama's scheduler takes them in order
        boolean ready = loaded && pendingLoad.isEmpty() && serves(job);
        if (ready && job.purpose() == Job.Purpose.LOAD) {
            Job.answerAtOnce(sink, now);
            cancelUnload();
            scheduleUnloadIfIdle();
            publish();
            return;
        }
        if (ready) {
            cancelUnload();
            slotWait.addLast(s);
        } else {
            if (pendingLoad.size() >= params.maxQueue()) {
                sink.accept(new Emission.Rejected(now, new Rejection.QueueFull()));
                return;
            }
            pendingLoad.addLast(s);
            startLoadWhenIdle();
        }
        byId.put(job.id(), s);
        sink.accept(new Emission.Accepted(now));
        if (loaded && !stepping) startStep();
        publish();
    }

    @Override
    public void cancel(long jobId) {
        Seq s = byId.get(jobId);
        if (s == null) return;
        s.cancelled = true;
        if (slotWait.remove(s) || pendingLoad.remove(s)) byId.remove(jobId);
        if (loaded && !stepping) scheduleUnloadIfIdle();
        publish();
    }

    @Override
    public EngineGauges gauges() {
        return gauges;
    }

    /** keep_alive 0 without a prompt: the model leaves now, or when the requests it is serving are done. */
    private void unload() {
        cancelUnload();
        if (loaded && active.isEmpty() && slotWait.isEmpty()) loaded = false;
        else scheduleUnloadIfIdle();
        publish();
    }

    private boolean serves(Job job) {
        return job.contextTokens() == 0 || job.contextTokens() == loadedContext;
    }

    /**
     * Loads the model for the first pending request. A loaded model with another context (num_ctx) is
     * reloaded, but only once the requests it is serving are done, as Ollama waits for a runner to go idle.
     */
    private void startLoadWhenIdle() {
        if (loading || pendingLoad.isEmpty()) return;
        if (loaded) {
            if (!active.isEmpty() || !slotWait.isEmpty()) return;
            loaded = false;
            cancelUnload();
        }
        loading = true;
        loadedContext = pendingLoad.peekFirst().job.contextTokens();
        loop.at(loop.now() + params.loadNanos(), this::loadFinished);
    }

    private void loadFinished() {
        long now = loop.now();
        loading = false;
        loaded = true;
        while (!pendingLoad.isEmpty() && serves(pendingLoad.peekFirst().job)) {
            Seq s = pendingLoad.pollFirst();
            s.loadNanos = now - s.arrivalNanos;
            if (s.job.purpose() == Job.Purpose.LOAD) {
                byId.remove(s.job.id());
                s.sink.accept(new Emission.Finished(now, new Completion(s.arrivalNanos, s.loadNanos, 0, 0, 0, CacheUse.NONE)));
            } else {
                slotWait.addLast(s);
            }
        }
        if (!stepping) startStep();
        publish();
    }

    private void startStep() {
        long now = loop.now();
        int freshPromptTokens = 0;
        List<Seq> fresh = new ArrayList<>();
        while (active.size() < params.numParallel() && !slotWait.isEmpty()) {
            Seq s = slotWait.pollFirst();
            SlotCache.Claim claim = slots.claim(s.job.promptIds(), s.job.promptTokens());
            s.slot = claim.slot();
            s.cachedTokens = claim.cachedTokens();
            active.add(s);
            fresh.add(s);
            freshPromptTokens += s.job.promptTokens() - s.cachedTokens;
        }
        if (active.isEmpty()) {
            stepping = false;
            if (pendingLoad.isEmpty()) scheduleUnloadIfIdle();
            else startLoadWhenIdle();
            publish();
            return;
        }
        long prefill = Math.round(freshPromptTokens / params.prefillTokensPerSecond() * 1e9);
        long end = now + prefill + params.weightReadNanos() + params.perSequenceNanos() * active.size();
        for (Seq s : fresh) {
            s.promptEvalNanos = prefill;
            s.prefillEndNanos = now + prefill;
        }
        for (Seq s : active) {
            s.sink.accept(new Emission.Token(s.generated, end));
            s.generated++;
            if (s.generated == s.job.outputTokens()) {
                s.done = true;
                s.sink.accept(new Emission.Finished(end, new Completion(s.arrivalNanos, s.loadNanos,
                        s.promptEvalNanos, end - s.prefillEndNanos, s.generated, CacheUse.read(s.cachedTokens))));
            }
        }
        stepping = true;
        loop.at(end, this::endStep);
        publish();
    }

    private void endStep() {
        active.removeIf(s -> {
            if (!s.done && !s.cancelled) return false;
            byId.remove(s.job.id());
            slots.release(s.slot);
            return true;
        });
        startStep();
    }

    private void cancelUnload() {
        unloadGeneration++;
        unloadAtNanos = -1;
    }

    private void scheduleUnloadIfIdle() {
        if (!active.isEmpty() || !slotWait.isEmpty() || unloadAtNanos >= 0 || keepAliveNanos < 0) return;
        long generation = ++unloadGeneration;
        unloadAtNanos = loop.now() + keepAliveNanos;
        loop.at(unloadAtNanos, () -> {
            if (generation != unloadGeneration) return;
            loaded = false;
            unloadAtNanos = -1;
            publish();
        });
    }

    private void publish() {
        gauges = new EngineGauges(active.size(), slotWait.size() + pendingLoad.size(), 0, 0, loaded, unloadAtNanos,
                loaded ? loadedContext : 0);
    }
}
