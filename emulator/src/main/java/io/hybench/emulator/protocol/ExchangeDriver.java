package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Json;
import io.hybench.emulator.answer.AnswerDraw;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.answer.AnswerModel;
import io.hybench.emulator.engine.Completion;
import io.hybench.emulator.engine.Emission;
import io.hybench.emulator.engine.Engine;
import io.hybench.emulator.engine.Job;
import io.hybench.emulator.engine.JobSink;
import io.hybench.emulator.engine.PromptIds;
import io.hybench.emulator.engine.RealTimeLoop;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.truth.AnswerRecord;
import io.hybench.emulator.truth.PrefixCacheRecord;
import io.hybench.emulator.truth.TruthLog;

import io.netty.channel.EventLoop;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves one generation request end to end: parse, admit through the engine, then write the protocol's
 * chunks at the engine's times, injecting the request's faults and logging the truth of every write.
 * Runs on the connection's event loop: the engine's emissions are handed to it and become timed writes.
 */
final class ExchangeDriver {
    private static final String JSON = "application/json; charset=utf-8";

    private final EmulatorProfile profile;
    private final Engine engine;
    private final RealTimeLoop loop;
    private final TruthLog truth;
    private final long seed;
    private final long originNanoTime;
    private final TokenText text;
    private final ReplyPlanner planner;
    private final WallClock clock;
    private final AtomicLong ordinals = new AtomicLong();
    private final Map<EventLoop, PerLoop> perLoop = new ConcurrentHashMap<>();

    /** What the requests of one event loop share: the engine's way in, and the timer for writes not yet due. */
    private record PerLoop(LoopInbox inbox, DueTimer timer) {
    }

    ExchangeDriver(EmulatorProfile profile, Engine engine, RealTimeLoop loop, TruthLog truth, long seed,
                   long originNanoTime, WallClock clock, AnswerKey answerKey) {
        this.profile = profile;
        this.engine = engine;
        this.loop = loop;
        this.truth = truth;
        this.seed = seed;
        this.originNanoTime = originNanoTime;
        this.text = new TokenText(seed);
        this.planner = new ReplyPlanner(text, profile.output(), answerKey,
                answerKey.isEmpty() ? null : new AnswerModel(profile.answers(), seed, answerKey));
        this.clock = clock;
    }

    void serve(Exchange exchange, FrontEnd frontEnd, String path) {
        long arrival = System.nanoTime() - originNanoTime;
        long ordinal = ordinals.incrementAndGet();
        PerLoop shared = perLoop.computeIfAbsent(exchange.eventLoop(),
                l -> new PerLoop(new LoopInbox(l), new DueTimer(l, originNanoTime)));
        ResponseWriter out = new ResponseWriter(exchange, shared.timer(), originNanoTime, truth, ordinal, path);
        EmulatedRequest request;
        ReplyPlanner.Planned planned;
        PromptIds promptIds = null;
        try {
            byte[] raw = exchange.body();
            if (raw.length == 0) throw ApiError.invalid("missing request body");
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                throw ApiError.invalid("invalid JSON body: " + e.getMessage());
            }
            if (body == null || !body.isObject()) throw ApiError.invalid("request body must be a JSON object");
            request = frontEnd.parse(path, body, exchange.headers());
            if (!request.model().equals(profile.model())) throw frontEnd.unknownModel(request.model());
            planned = planner.plan(request, ordinal);
            if (request.prompt().tokens() > 0) promptIds = PromptTokens.ids(body, request.prompt().tokens(), ordinal, frontEnd.caching());
        } catch (ApiError e) {
            ErrorReply reply = frontEnd.error(e);
            out.whole(reply.status(), JSON, reply.headers(), reply.body(), "error", arrival, null);
            out.end(() -> { });
            out.send();
            return;
        }
        OutputPlan plan = planned.plan();
        FaultPlan faults = FaultPlan.draw(profile.faults(), seed, ordinal, plan.textTokens());
        if (faults.serverError()) {
            ErrorReply reply = frontEnd.serverError();
            out.whole(reply.status(), JSON, reply.headers(), reply.body(), "error", arrival, "server_error");
            out.end(() -> { });
            out.send();
            return;
        }
        Renderer renderer = frontEnd.renderer(path, request, new ResponseContext(ordinal, planned.reply(), plan, arrival, text, profile, clock));
        int context = request.load().numCtx() != null ? request.load().numCtx() : profile.output().contextTokens();
        Job job = request.purpose() == Job.Purpose.GENERATE
                ? new Job(ordinal, request.prompt().tokens(), plan.tokens(), request.rateKey(), request.load().keepAliveNanos(),
                        Job.Purpose.GENERATE, context, promptIds)
                : new Job(ordinal, 0, 0, request.rateKey(), request.load().keepAliveNanos(), request.purpose(), context);
        Serving serving = new Serving(shared.inbox(), out, frontEnd, renderer, request, planned, faults, job);
        loop.execute(() -> engine.submit(job, serving));
        exchange.whenClosed(serving::clientGone);
    }

    /** One admitted request: its emissions, in order on the connection's event loop, queue its writes. */
    private final class Serving implements JobSink {
        private final LoopInbox inbox;
        private final ResponseWriter out;
        private final FrontEnd frontEnd;
        private final Renderer renderer;
        private final EmulatedRequest request;
        private final ReplyPlanner.Planned planned;
        private final FaultPlan faults;
        private final Job job;
        private final String slow;
        private long shift;
        /** The engine is done with the job (refused or finished). */
        private boolean finished;
        /** Cut by a fault or by the client: later emissions are dropped. */
        private boolean stopped;

        Serving(LoopInbox inbox, ResponseWriter out, FrontEnd frontEnd, Renderer renderer, EmulatedRequest request,
                ReplyPlanner.Planned planned, FaultPlan faults, Job job) {
            this.inbox = inbox;
            this.out = out;
            this.frontEnd = frontEnd;
            this.renderer = renderer;
            this.request = request;
            this.planned = planned;
            this.faults = faults;
            this.job = job;
            this.slow = faults.slowHeadersNanos() > 0 ? "slow_headers" : null;
        }

        /** On the engine's thread: hands the emission to the connection's event loop. */
        @Override
        public void accept(Emission emission) {
            try {
                inbox.post(() -> handle(emission));
            } catch (RejectedExecutionException e) {
                // the emulator is closing: nothing more is written
            }
        }

        void clientGone() {
            stopped = true;
            if (!finished) loop.execute(() -> engine.cancel(job.id()));
        }

        private void handle(Emission emission) {
            if (stopped) return;
            boolean stream = request.delivery().stream();
            switch (emission) {
                case Emission.Rejected rejected -> {
                    finished = true;
                    ErrorReply reply = frontEnd.rejected(rejected.rejection(), request);
                    out.whole(reply.status(), JSON, reply.headers(), reply.body(), "error", rejected.atNanos(), null);
                    out.end(() -> { });
                }
                case Emission.Accepted a -> {
                    if (a.cache() != null) renderer.cached(a.cache());
                    if (stream && !renderer.headersWithFirstChunk()) {
                        out.streamHeaders(renderer.streamContentType(), a.atNanos() + faults.slowHeadersNanos(), slow);
                    }
                }
                case Emission.Token t -> {
                    if (stream) token(t);
                }
                case Emission.Finished f -> {
                    finished = true;
                    Completion delivered = stream ? finishStream(f) : whole(f);
                    if (!stopped) out.end(() -> delivered(delivered));
                }
            }
            out.send();
        }

        private void token(Emission.Token t) {
            String fault = null;
            if (t.index() == faults.stallAt()) {
                shift += faults.stallNanos();
                fault = "stall";
            }
            long at = t.atNanos() + shift;
            if (!out.headersSent()) out.streamHeaders(renderer.streamContentType(), at + faults.slowHeadersNanos(), slow);
            if (t.index() == 0) for (Chunk c : renderer.start(at)) out.chunk(c, -1, at, null);
            if (t.index() == faults.disconnectAt()) {
                out.disconnect(t.index(), at);
                stopped = true;
                return;
            }
            for (Chunk c : renderer.token(t.index(), at)) {
                if (t.index() == faults.malformedAt()) out.chunk(renderer.malformed(), t.index(), at, "malformed");
                else out.chunk(c, t.index(), at, fault);
            }
        }

        private Completion finishStream(Emission.Finished f) {
            long at = f.atNanos() + shift;
            if (!out.headersSent()) out.streamHeaders(renderer.streamContentType(), at + faults.slowHeadersNanos(), slow);
            for (Chunk c : renderer.finish(f.completion(), at)) out.chunk(c, -1, at, null);
            return f.completion();
        }

        private Completion whole(Emission.Finished f) {
            long at = f.atNanos() + faults.slowHeadersNanos();
            if (faults.disconnectAt() >= 0) {
                out.disconnect(-1, at);
                stopped = true;
            } else {
                out.whole(200, JSON, Map.of(), renderer.body(f.completion(), f.atNanos()), "body", at, slow);
            }
            return f.completion();
        }

        /** Once the last write has left: what the truth keeps about the delivered request. */
        private void delivered(Completion delivered) {
            if (request.prompt().tokens() > 0) {
                truth.record(new PrefixCacheRecord(job.id(), request.prompt().tokens(), delivered.cachedTokens(), out.clientRequest()));
            }
            if (planned.answer() != null) {
                AnswerDraw a = planned.answer();
                truth.record(new AnswerRecord(job.id(), a.question(), a.confidence(), a.correct(), a.answer(),
                        request.sampling().temperature(), request.sampling().seed()));
            }
        }
    }
}
