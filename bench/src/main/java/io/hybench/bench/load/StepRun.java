package io.hybench.bench.load;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.context.GpuMonitor;
import io.hybench.bench.context.GpuSecond;
import io.hybench.bench.context.SamplingStatus;
import io.hybench.bench.context.ServerContextSampler;
import io.hybench.bench.context.ServerProbe;
import io.hybench.bench.metrics.IntervalLog;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.OverSaturation;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.StepRecording;
import io.hybench.bench.metrics.StepStats;
import io.hybench.bench.metrics.StepSummaries;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.RequestLog;
import io.hybench.bench.results.RunFolder;
import io.hybench.core.os.CarrierNice;
import io.hybench.core.os.SchedulerSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one step: dispatches requests on their schedule, one virtual thread per request (open loop)
 * or per user (closed loop), records every measured request, and summarizes the step. A reporter
 * thread drains the interval recorders into the step's .hlog and samples the time series each second.
 */
final class StepRun {
    /** The schedule starts this far in the future, so the first arrival is not already late. */
    private static final long LEAD_NANOS = 20_000_000L;
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final long DRAIN_POLL_NANOS = 50_000_000L;
    /** Longest wait for interrupted requests to return their records once the drain timed out. */
    private static final long CANCEL_GRACE_NANOS = 5_000_000_000L;
    private static final long CANCEL_POLL_NANOS = 5_000_000L;

    private final Workload workload;
    private final StepPlan plan;
    private final StreamingClient client;
    private final PromptSource prompts;
    private final RunClock clock;
    private final RequestLog log;
    /** Every request id of the step starts so: target, step, and a closed loop's shard ({@link #request}). */
    private final String requestIdPrefix;
    private final RunListener listener;
    private final String hlogName;
    private final RunContext context;
    private final ShardSpec shard;
    private ServerContextSampler serverSampler;
    private HiccupMeter hiccups;

    private final long startNanos;
    private final long warmupEndNanos;
    private final StepRecording recording;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong measuredEnded = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong dispatchDoneNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicReference<Throwable> clientFailure = new AtomicReference<>();
    private final Set<Thread> requestThreads = ConcurrentHashMap.newKeySet();
    private final List<SecondSample> series = new ArrayList<>();
    private final HarnessCpu cpu = new HarnessCpu();
    private final Reporter reporter;
    private volatile boolean stopRequested;
    /** The over-saturation rule watching this step; null when the workload does not stop on it. */
    private final OverSaturation saturation;
    private volatile OverSaturation.Verdict overSaturated;
    private StepSummary summary;
    private StepStats stats;

    /**
     * @param shard         this process's share of the step
     * @param notBeforeNanos run-relative time the step may start at the earliest (a sharded run's shared instant)
     */
    StepRun(Workload workload, StepPlan plan, StreamingClient client, PromptSource prompts, RunClock clock, RunFolder folder,
            RequestLog log, RunListener listener, RunContext context, ShardSpec shard, long notBeforeNanos) {
        this.context = context;
        this.shard = shard;
        this.workload = workload;
        this.plan = plan;
        this.client = client;
        this.prompts = prompts;
        this.clock = clock;
        this.log = log;
        this.listener = listener;
        this.hlogName = RunFolder.hlogName(plan.index(), plan.target().name());
        String shardPart = shard.whole() || !(workload.shape().load() instanceof LoadSpec.ClosedLoop) ? "" : "-k" + shard.index();
        this.requestIdPrefix = plan.target().name() + "-s" + zeroPadded(plan.index(), 2) + shardPart + "-";
        long now = clock.nanos();
        this.startNanos = Math.max(now + LEAD_NANOS, notBeforeNanos);
        this.warmupEndNanos = startNanos + workload.shape().load().rampUpNanos() + workload.shape().run().warmupNanos();
        this.recording = new StepRecording(workload.checks().slo(), warmupEndNanos);
        OverSaturation.Settings osd = workload.shape().run().stopOnOverSaturation();
        this.saturation = osd == null ? null : new OverSaturation(osd, startNanos);
        long epochMsAtStart = System.currentTimeMillis() + (startNanos - now) / 1_000_000L;
        String comment = String.format(Locale.ROOT, "hybench step %d target %s load %s", plan.index(), plan.target().name(), plan.load());
        this.reporter = new Reporter(new IntervalLog(folder.dir().resolve(hlogName), epochMsAtStart, comment), epochMsAtStart);
    }

    /** Runs the step to its end (or until {@link #stop}) and returns its summary. */
    StepSummary run() throws InterruptedException {
        RunLimits limits = workload.shape().run();
        listener.stepStarted(plan, limits.durationNanos() != null
                ? (warmupEndNanos - startNanos + limits.durationNanos()) / INTERVAL_NANOS : limits.requests(),
                limits.durationNanos() != null ? "s" : "req");
        serverSampler = ServerProbe.forTarget(plan.target())
                .map(p -> ServerContextSampler.start(p, context.http(), clock, INTERVAL_NANOS)).orElse(null);
        hiccups = new HiccupMeter(clock, warmupEndNanos);
        reporter.start();
        switch (workload.shape().load()) {
            case LoadSpec.OpenLoop open -> dispatchOpen(open);
            case LoadSpec.ClosedLoop closed -> dispatchClosed(closed);
            case LoadSpec.Trace trace -> dispatchTrace(trace);
        }
        int left = awaitDrain(limits.drainTimeoutNanos());
        Throwable failure = clientFailure.get();
        if (failure != null) {
            finish(false, left);
            throw new IllegalStateException("streaming client for target '" + plan.target().name()
                    + "' threw instead of returning a failed record: " + failure, failure);
        }
        return finish(!stopRequested || overSaturated != null, left);
    }

    /** Stops dispatching; requests already sent are left to end. */
    void stop() {
        stopRequested = true;
    }

    /** Stops dispatching and interrupts what is still running (the drain timed out). */
    private void abandon() {
        stopRequested = true;
        requestThreads.forEach(Thread::interrupt);
    }

    /**
     * Summarizes what has been recorded so far, once: later calls return the same summary. Used both at
     * the step's end and by the shutdown hook on Ctrl-C.
     */
    synchronized StepSummary finish(boolean complete, int stillInFlight) {
        if (summary != null) return summary;
        reporter.stop();
        if (serverSampler != null) serverSampler.close();
        HiccupMeter.Reading lateness = hiccups == null ? new HiccupMeter.Reading(Double.NaN, null) : hiccups.stop();
        List<SecondSample> seriesCopy;
        synchronized (series) {
            seriesCopy = List.copyOf(series);
        }
        long loadEnd = loadEndNanos();
        stats = recording.snapshot(loadEnd, stillInFlight, lateness.toStats(), seriesCopy);
        SamplingStatus server = serverSampler != null ? serverSampler.status()
                : SamplingStatus.notSampled(null, ServerProbe.noProbeReason(plan.target()));
        StepSummaries.StepContext sampled = new StepSummaries.StepContext(hlogName, seriesCopy, server,
                context.gpu().status(startNanos, clock.nanos()), context.gpu().joules(warmupEndNanos, loadEnd).orElse(Double.NaN));
        summary = StepSummaries.build(info(complete), stats, sampled);
        return summary;
    }

    private StepSummaries.StepInfo info(boolean complete) {
        String mode = switch (workload.shape().load()) {
            case LoadSpec.OpenLoop o -> "open";
            case LoadSpec.ClosedLoop c -> "closed";
            case LoadSpec.Trace t -> "trace";
        };
        return new StepSummaries.StepInfo(new StepSummary.StepId(plan.index(), plan.target().name(), mode, plan.load(), plan.repetition()),
                complete, workload.stepSettings(plan.index()), overSaturated);
    }

    /**
     * When the step stopped applying load: the end of its duration, or its last measured send when it
     * stops by count; no later than now (an interrupted step).
     */
    private long loadEndNanos() {
        Long duration = workload.shape().run().durationNanos();
        long end = duration != null ? warmupEndNanos + duration : recording.lastIntendedNanos().orElse(warmupEndNanos);
        return Math.min(end, clock.nanos());
    }

    /** The step's statistics, once {@link #finish} ran. */
    StepStats stats() {
        return stats;
    }

    /** Run-relative time the step's schedule started (its first arrival, its users' first readiness). */
    long startNanos() {
        return startNanos;
    }

    /** Requests sent (or waiting for an in-flight slot) that have not ended. */
    int inFlightRequests() {
        return inFlight.get();
    }

    private void dispatchOpen(LoadSpec.OpenLoop open) throws InterruptedException {
        RunLimits limits = workload.shape().run();
        long[] arrivals = ArrivalSchedule.rampedStep(open.arrival(), open.burstiness() == null ? 1 : open.burstiness(), plan.load(),
                startNanos, open.rampUpNanos(), warmupEndNanos, limits.durationNanos(), limits.requests(),
                new SplittableRandom(Seeds.derive(workload.seed(), plan.index(), 0xA1)));
        dispatchSchedule(arrivals, open.maxInFlight());
    }

    /** A trace replayed on its own schedule, stretched by the time scale and compressed by the step's rate factor. */
    private void dispatchTrace(LoadSpec.Trace trace) throws InterruptedException {
        if (!(prompts instanceof TracePrompts traced)) throw new IllegalStateException("load mode trace needs prompts from a trace");
        RunLimits limits = workload.shape().run();
        long[] offsets = traced.trace().entries().stream().mapToLong(TraceEntry::offsetNanos).toArray();
        dispatchSchedule(ArrivalSchedule.ofTrace(offsets, trace.timeScale() / plan.load(), startNanos, warmupEndNanos, limits.durationNanos(),
                limits.requests()), trace.maxInFlight());
    }

    /** Sends request i at arrivals[i] whatever the server does (open loop), at most {@code maxInFlight} at once if given. */
    private void dispatchSchedule(long[] arrivals, Integer maxInFlight) throws InterruptedException {
        Semaphore cap = maxInFlight == null ? null : new Semaphore(maxInFlight);
        PromptSource.PromptStream stream = prompts.stream(Seeds.derive(workload.seed(), plan.index(), 0xB1));
        // woken at an arrival's time, this thread preempts the thread on its core instead of waiting out that one's slice
        SchedulerSlice.shortenForCurrentThread();
        try {
            for (int i = 0; i < arrivals.length; i++) {
                long intended = arrivals[i];
                if (stopRequested) break;
                if (prompts instanceof SessionPrompts sessions) {
                    if (!shard.owns(i)) continue;
                    waitUntil(intended);
                    startSession(sessions.session(String.format(Locale.ROOT, "s%02d-a%06d", plan.index(), i),
                            Seeds.derive(workload.seed(), plan.index(), 0xB2, i)), i, intended, cap);
                    continue;
                }
                // every shard draws every arrival's prompt, so each sends exactly what one machine would
                if (!shard.owns(i)) {
                    stream.next();
                    continue;
                }
                Prompt prompt = stream.next();
                GenerationRequest request = request(prompt, i);
                waitUntil(intended);
                outstanding.incrementAndGet();
                // without a cap to wait for, this thread sends on time itself; with one, the request's thread waits for a slot
                Runnable work = cap == null ? sendNow(request, prompt, intended) : () -> send(request, prompt, intended, cap);
                Thread.ofVirtual().name(request.requestId()).start(() -> {
                    CarrierNice.lowerCurrentCarrier();
                    requestThreads.add(Thread.currentThread());
                    try {
                        work.run();
                    } finally {
                        requestThreads.remove(Thread.currentThread());
                        outstanding.decrementAndGet();
                    }
                });
            }
        } finally {
            dispatchDoneNanos.set(clock.nanos());
            SchedulerSlice.resetForCurrentThread();
        }
    }

    /**
     * An open-loop session arrival: its turns go one after another on one virtual thread, each sent a think
     * time after the previous turn's response ended (its intended time), so only the first turn is on the schedule.
     */
    private void startSession(SessionPrompts.Session session, long arrival, long firstIntended, Semaphore cap) {
        outstanding.incrementAndGet();
        Thread.ofVirtual().name(plan.target().name() + "-session-" + arrival).start(() -> {
            CarrierNice.lowerCurrentCarrier();
            requestThreads.add(Thread.currentThread());
            try {
                long intended = firstIntended;
                Prompt prompt = session.next();
                while (prompt != null && !stopRequested) {
                    waitUntil(intended);
                    RequestRecord record = send(request(prompt, arrival), prompt, intended, cap);
                    session.replied(record);
                    prompt = session.next();
                    if (prompt != null) intended = clock.nanos() + prompt.session().thinkTimeMs() * 1_000_000L;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                requestThreads.remove(Thread.currentThread());
                outstanding.decrementAndGet();
            }
        });
    }

    private void dispatchClosed(LoadSpec.ClosedLoop closed) {
        RunLimits limits = workload.shape().run();
        long stopAt = limits.durationNanos() == null ? Long.MAX_VALUE : warmupEndNanos + limits.durationNanos();
        AtomicLong budget = limits.requests() == null ? null : new AtomicLong(shard.shareOf(limits.requests()));
        int users = (int) plan.load();
        for (int u = 0; u < users; u++) {
            long firstReady = startNanos + closed.rampUpNanos() * u / users;
            if (!shard.owns(u)) continue;
            int user = u;
            outstanding.incrementAndGet();
            Thread.ofVirtual().name(plan.target().name() + "-user-" + u).start(() -> {
                CarrierNice.lowerCurrentCarrier();
                requestThreads.add(Thread.currentThread());
                try {
                    runUser(user, firstReady, closed.thinkTimeMs(), stopAt, budget);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    dispatchDoneNanos.compareAndSet(Long.MAX_VALUE, clock.nanos());
                    requestThreads.remove(Thread.currentThread());
                    outstanding.decrementAndGet();
                }
            });
        }
    }

    /** One virtual user: ready at {@code firstReady} (its place in the ramp), then after each response's end plus a think time. */
    private void runUser(int user, long firstReady, Distribution thinkTimeMs, long stopAt, AtomicLong budget) throws InterruptedException {
        long seed = Seeds.derive(workload.seed(), plan.index(), 0xC1, user);
        PromptSource.PromptStream stream = prompts instanceof SessionPrompts sessions
                ? sessions.stream(seed, String.format(Locale.ROOT, "s%02d-u%d", plan.index(), user)) : prompts.stream(seed);
        SplittableRandom think = new SplittableRandom(Seeds.derive(workload.seed(), plan.index(), 0xC2, user));
        long ready = firstReady;
        Prompt prompt = stream.next();
        while (!stopRequested && ready < stopAt) {
            boolean warmup = ready < warmupEndNanos;
            if (!warmup && budget != null && budget.getAndDecrement() <= 0) return;
            waitUntil(ready);
            stream.replied(send(request(prompt, sequence.getAndIncrement()), prompt, ready, null));
            prompt = stream.next();
            // within a session its own think time; between sessions (or single prompts) the load's
            long pauseMs = prompt.session() != null && prompt.session().turn() > 1 ? prompt.session().thinkTimeMs() : thinkTimeMs.sample(think);
            ready = clock.nanos() + pauseMs * 1_000_000L;
        }
    }

    /**
     * @param sequence the arrival's index in the step's schedule (open loop: the same on every shard); closed loop, a
     *                 per-process count, so the shard is named in the id to keep the ids of shards disjoint
     */
    private GenerationRequest request(Prompt prompt, long sequence) {
        // an open-loop session's turns share their arrival's index
        String turnPart = prompt.session() != null && !(workload.shape().load() instanceof LoadSpec.ClosedLoop) ? "-t" + prompt.session().turn() : "";
        String id = requestIdPrefix + zeroPadded(sequence, 6) + turnPart;
        RequestOptions o = workload.traffic().request();
        boolean force = o.forceOutputLength() && prompt.maxTokens() != null;
        return GenerationRequest.of(id, prompt.conversation(), o.chat(), new GenerationRequest.Output(prompt.maxTokens(), force))
                .withSampling(GenerationRequest.Sampling.temperature(o.temperature())).withPromptCaching(o.promptCaching());
    }

    /** {@code value} in decimal, zero-padded to {@code width} digits (as {@code %0<width>d} for a value >= 0, without a Formatter per request). */
    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** Sends one request and records it; returns its record, null when it was never sent. */
    private RequestRecord send(GenerationRequest request, Prompt prompt, long intendedNanos, Semaphore cap) {
        dispatched(intendedNanos);
        return completed(request, prompt, intendedNanos, () -> {
            if (cap != null) cap.acquire();
            try {
                return client.execute(request, intendedNanos);
            } finally {
                if (cap != null) cap.release();
            }
        });
    }

    /**
     * Sends one request on the calling (scheduler) thread, so its send is not queued behind other requests' work for a
     * virtual-thread carrier; the returned work, run on a request thread, awaits and records it.
     */
    private Runnable sendNow(GenerationRequest request, Prompt prompt, long intendedNanos) {
        dispatched(intendedNanos);
        StreamingClient.Sent sent;
        try {
            sent = client.send(request, intendedNanos);
        } catch (RuntimeException e) {
            sent = () -> {
                throw e;
            };
        }
        StreamingClient.Sent inFlight = sent;
        return () -> completed(request, prompt, intendedNanos, inFlight::await);
    }

    /** A request's answer, once it has been sent or is waiting for an in-flight slot. */
    @FunctionalInterface
    private interface Answer {
        RequestRecord get() throws InterruptedException;
    }

    /** Counts a request as dispatched now (schedule lag, in flight, over-saturation). */
    private void dispatched(long intendedNanos) {
        long dispatched = clock.nanos();
        if (intendedNanos >= warmupEndNanos) recording.dispatched(intendedNanos, dispatched);
        int sentWith = inFlight.incrementAndGet();
        if (saturation != null) {
            synchronized (saturation) {
                judged(saturation.sent(dispatched, sentWith));
            }
        }
    }

    /** Waits for a dispatched request's answer and records it; returns its record, null when it was never sent. */
    private RequestRecord completed(GenerationRequest request, Prompt prompt, long intendedNanos, Answer answer) {
        boolean warmup = intendedNanos < warmupEndNanos;
        RequestRecord record = null;
        try {
            record = answer.get();
        } catch (InterruptedException e) {
            // Stopped while waiting for a free in-flight slot: never sent, yet one of the schedule's arrivals, so counted.
            record = notSent(request, intendedNanos);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            clientFailure.compareAndSet(null, e);
            stopRequested = true;
        } finally {
            if (!warmup) recording.returned(clock.nanos());
            inFlight.decrementAndGet();
        }
        if (record != null) accept(new RequestLine(plan.index(), warmup, prompt.category(), prompt.id(), request.output().maxTokens(), record, prompt.session(), prompt.tokens()));
        if (saturation != null && record != null && Metrics.ttftNanos(record).isPresent()) {
            synchronized (saturation) {
                judged(saturation.ended(clock.nanos(), Metrics.ttftNanos(record).getAsLong()));
            }
        }
        return record;
    }

    /** Stops the step at the first over-saturation verdict (requests already sent drain as at any step's end). */
    private void judged(OverSaturation.Verdict verdict) {
        if (verdict == null || overSaturated != null) return;
        overSaturated = verdict;
        stop();
    }

    /** The record of an arrival cancelled before it could be sent (the drain timed out while it waited for load.maxInFlight). */
    private RequestRecord notSent(GenerationRequest request, long intendedNanos) {
        RecordBuilder rec = new RecordBuilder(plan.target(), request, RequestRecord.Destination.NOT_SENT, intendedNanos, false);
        long now = clock.nanos();
        rec.sent(now);
        rec.fail(new RequestError(ErrorClass.CANCELLED, null, "cancelled at the step's end while waiting for a free in-flight slot (load.maxInFlight)", null), now);
        return rec.build();
    }

    private void accept(RequestLine line) {
        RequestRecord record = line.record();
        boolean warmup = line.warmup();
        log.append(line);
        recording.add(record, warmup);
        completed.incrementAndGet();
        if (record.succeeded()) {
            if (record.tokens().outputTokens() != null) outputTokens.addAndGet(record.tokens().outputTokens());
        } else {
            errors.incrementAndGet();
        }
        if (!warmup) measuredEnded.incrementAndGet();
    }

    /**
     * Waits for outstanding requests; returns how many were still in flight when the drain timed out. The drain
     * clock starts when dispatching ended, or at the end of the step's duration if that comes first: a closed-loop
     * user held by a server that never answers has not left its loop, yet the step still ends on time.
     */
    private int awaitDrain(long drainTimeoutNanos) throws InterruptedException {
        Long duration = workload.shape().run().durationNanos();
        long scheduledEnd = duration == null ? Long.MAX_VALUE : warmupEndNanos + duration;
        while (outstanding.get() > 0) {
            long drainFrom = Math.min(dispatchDoneNanos.get(), scheduledEnd);
            if (drainFrom != Long.MAX_VALUE && clock.nanos() - drainFrom > drainTimeoutNanos) {
                abandon();
                // Interrupted requests come back at once as CANCELLED records; wait for them before counting any as missing.
                long graceEnd = clock.nanos() + CANCEL_GRACE_NANOS;
                while (outstanding.get() > 0 && clock.nanos() < graceEnd) waitUntil(clock.nanos() + CANCEL_POLL_NANOS);
                return inFlight.get();
            }
            waitUntil(clock.nanos() + DRAIN_POLL_NANOS);
        }
        return 0;
    }

    /** Parks until an absolute run-relative time: a late wake-up never shifts later deadlines. */
    private void waitUntil(long runNanos) throws InterruptedException {
        while (true) {
            long remaining = runNanos - clock.nanos();
            if (remaining <= 0) return;
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    /** Drains the recorders into the .hlog and samples the time series, on absolute one-second ticks. */
    private final class Reporter implements Runnable {
        private final IntervalLog hlog;
        private final long epochMsAtStart;
        private final Thread thread;
        private volatile boolean stopped;
        private long lastTickNanos;
        private long lastCompleted;
        private long lastTokens;
        private long lastErrors;

        Reporter(IntervalLog hlog, long epochMsAtStart) {
            this.hlog = hlog;
            this.epochMsAtStart = epochMsAtStart;
            this.thread = Thread.ofPlatform().daemon().name("hybench-reporter-" + plan.index()).unstarted(this);
        }

        void start() {
            lastTickNanos = startNanos;
            thread.start();
        }

        @Override
        public void run() {
            long tick = startNanos + INTERVAL_NANOS;
            while (!stopped) {
                long remaining = tick - clock.nanos();
                if (remaining > 0) {
                    LockSupport.parkNanos(remaining);
                    continue;
                }
                sample(tick);
                tick += INTERVAL_NANOS;
            }
        }

        /** Stops the thread, then takes the last (partial) interval so nothing recorded is lost. */
        void stop() {
            if (stopped) return;
            stopped = true;
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long now = clock.nanos();
            if (now > lastTickNanos) sample(now, now - lastTickNanos < INTERVAL_NANOS / 2);
            hlog.close();
        }

        private void sample(long tickNanos) {
            sample(tickNanos, false);
        }

        /**
         * @param foldIntoLast the step's last, short interval: it joins the sample before it, so a rate over a few
         *                     milliseconds (a request's whole output divided by them) never shows as a spike
         */
        private synchronized void sample(long tickNanos, boolean foldIntoLast) {
            long from = lastTickNanos;
            recording.recorders().drainInterval(epochMs(from), epochMs(tickNanos), hlog);
            long c = completed.get();
            long t = outputTokens.get();
            long e = errors.get();
            SecondSample s = new SecondSample(tickNanos, tickNanos - from, tickNanos <= warmupEndNanos,
                    new SecondSample.Ended(c - lastCompleted, t - lastTokens, e - lastErrors), inFlight.get(), cpu.sample(),
                    serverSampler == null ? null : serverSampler.takeLatest(), GpuSecond.of(context.gpu().between(from, tickNanos)));
            synchronized (series) {
                if (foldIntoLast && !series.isEmpty()) s = series.removeLast().joinedWith(s);
                series.add(s);
            }
            lastCompleted = c;
            lastTokens = t;
            lastErrors = e;
            lastTickNanos = tickNanos;
            long done = workload.shape().run().durationNanos() != null ? (tickNanos - startNanos) / INTERVAL_NANOS : measuredEnded.get();
            listener.progress(plan, s, new RunListener.StepProgress(done, s.outputTokensPerSecond(),
                    recording.recorders().totalPercentiles(Metric.E2E).p99Ms()));
        }

        private long epochMs(long runNanos) {
            return epochMsAtStart + (runNanos - startNanos) / 1_000_000L;
        }
    }
}
