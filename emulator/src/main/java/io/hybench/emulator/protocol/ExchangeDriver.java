package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.hybench.core.mapper.Json;
import io.hybench.emulator.answer.AnswerDraw;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.answer.AnswerModel;
import io.hybench.emulator.engine.Completion;
import io.hybench.emulator.engine.Emission;
import io.hybench.emulator.engine.Engine;
import io.hybench.emulator.engine.Job;
import io.hybench.emulator.engine.PromptIds;
import io.hybench.emulator.engine.RealTimeLoop;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.truth.AnswerRecord;
import io.hybench.emulator.truth.PrefixCacheRecord;
import io.hybench.emulator.truth.TruthLog;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves one generation request end to end: parse, admit through the engine, then write the protocol's
 * chunks at the engine's times, injecting the request's faults and logging the truth of every write.
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

    void serve(HttpExchange exchange, FrontEnd frontEnd, String path) throws IOException {
        long arrival = System.nanoTime() - originNanoTime;
        long ordinal = ordinals.incrementAndGet();
        ResponseWriter out = new ResponseWriter(exchange, originNanoTime, truth, ordinal, path);
        EmulatedRequest request;
        ReplyPlanner.Planned planned;
        PromptIds promptIds = null;
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (raw.length == 0) throw ApiError.invalid("missing request body");
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                throw ApiError.invalid("invalid JSON body: " + e.getMessage());
            }
            if (body == null || !body.isObject()) throw ApiError.invalid("request body must be a JSON object");
            request = frontEnd.parse(path, body, exchange.getRequestHeaders());
            if (!request.model().equals(profile.model())) throw frontEnd.unknownModel(request.model());
            planned = planner.plan(request, ordinal);
            if (request.prompt().tokens() > 0) promptIds = PromptTokens.ids(body, request.prompt().tokens(), ordinal, frontEnd.caching());
        } catch (ApiError e) {
            ErrorReply reply = frontEnd.error(e);
            out.whole(reply.status(), JSON, reply.headers(), reply.body(), "error", arrival, null);
            out.end();
            return;
        }
        OutputPlan plan = planned.plan();
        FaultPlan faults = FaultPlan.draw(profile.faults(), seed, ordinal, plan.textTokens());
        if (faults.serverError()) {
            ErrorReply reply = frontEnd.serverError();
            out.whole(reply.status(), JSON, reply.headers(), reply.body(), "error", arrival, "server_error");
            out.end();
            return;
        }
        Renderer renderer = frontEnd.renderer(path, request, new ResponseContext(ordinal, planned.reply(), plan, arrival, text, profile, clock));
        int context = request.load().numCtx() != null ? request.load().numCtx() : profile.output().contextTokens();
        Job job = request.purpose() == Job.Purpose.GENERATE
                ? new Job(ordinal, request.prompt().tokens(), plan.tokens(), request.rateKey(), request.load().keepAliveNanos(),
                        Job.Purpose.GENERATE, context, promptIds)
                : new Job(ordinal, 0, 0, request.rateKey(), request.load().keepAliveNanos(), request.purpose(), context);
        EmissionQueue emissions = new EmissionQueue();
        loop.execute(() -> engine.submit(job, emissions));
        boolean finished = false;
        Completion delivered = null;
        try {
            Emission first = emissions.take();
            if (first instanceof Emission.Accepted a && a.cache() != null) renderer.cached(a.cache());
            if (first instanceof Emission.Rejected rejected) {
                finished = true;
                ErrorReply reply = frontEnd.rejected(rejected.rejection(), request);
                out.whole(reply.status(), JSON, reply.headers(), reply.body(), "error", rejected.atNanos(), null);
            } else if (request.delivery().stream()) {
                delivered = stream(out, renderer, emissions, first.atNanos(), faults);
                finished = true;
            } else {
                delivered = whole(out, renderer, emissions, faults);
                finished = true;
            }
            out.end();
            if (delivered != null && request.prompt().tokens() > 0) {
                truth.record(new PrefixCacheRecord(ordinal, request.prompt().tokens(), delivered.cachedTokens(), out.clientRequest()));
            }
            if (delivered != null && planned.answer() != null) {
                AnswerDraw a = planned.answer();
                truth.record(new AnswerRecord(ordinal, a.question(), a.confidence(), a.correct(), a.answer(),
                        request.sampling().temperature(), request.sampling().seed()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away; nothing more can be written
        } finally {
            if (!finished) loop.execute(() -> engine.cancel(job.id()));
        }
    }

    /** Writes the stream; returns the engine's completion once the last chunk is written. */
    private Completion stream(ResponseWriter out, Renderer renderer, EmissionQueue emissions, long acceptedNanos,
                           FaultPlan faults) throws IOException, InterruptedException {
        String slow = faults.slowHeadersNanos() > 0 ? "slow_headers" : null;
        if (!renderer.headersWithFirstChunk()) {
            out.streamHeaders(renderer.streamContentType(), acceptedNanos + faults.slowHeadersNanos(), slow, true);
        }
        long shift = 0;
        while (true) {
            Emission e = emissions.take();
            switch (e) {
                case Emission.Token t -> {
                    String fault = null;
                    if (t.index() == faults.stallAt()) {
                        shift += faults.stallNanos();
                        fault = "stall";
                    }
                    long at = t.atNanos() + shift;
                    if (!out.headersSent()) out.streamHeaders(renderer.streamContentType(), at + faults.slowHeadersNanos(), slow, false);
                    if (t.index() == 0) for (Chunk c : renderer.start(at)) out.chunk(c, -1, at, null);
                    if (t.index() == faults.disconnectAt()) out.disconnect(t.index(), at);
                    for (Chunk c : renderer.token(t.index(), at)) {
                        if (t.index() == faults.malformedAt()) out.chunk(renderer.malformed(), t.index(), at, "malformed");
                        else out.chunk(c, t.index(), at, fault);
                    }
                }
                case Emission.Finished f -> {
                    long at = f.atNanos() + shift;
                    if (!out.headersSent()) out.streamHeaders(renderer.streamContentType(), at + faults.slowHeadersNanos(), slow, false);
                    for (Chunk c : renderer.finish(f.completion(), at)) out.chunk(c, -1, at, null);
                    return f.completion();
                }
                case Emission.Accepted a -> throw new IllegalStateException("accepted twice");
                case Emission.Rejected r -> throw new IllegalStateException("rejected after acceptance");
            }
        }
    }

    private Completion whole(ResponseWriter out, Renderer renderer, EmissionQueue emissions, FaultPlan faults)
            throws IOException, InterruptedException {
        while (true) {
            if (emissions.take() instanceof Emission.Finished f) {
                long at = f.atNanos() + faults.slowHeadersNanos();
                if (faults.disconnectAt() >= 0) out.disconnect(-1, at);
                out.whole(200, JSON, Map.of(), renderer.body(f.completion(), f.atNanos()), "body", at,
                        faults.slowHeadersNanos() > 0 ? "slow_headers" : null);
                return f.completion();
            }
        }
    }
}
