package io.hybench.bench.load;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.TokenCountSource;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * TEST DOUBLE, not a protocol client: "streams" by sleeping known times and records them on the run's
 * clock, like a real client would. A server with {@code slots} parallel slots is modelled by a
 * semaphore, so requests beyond the slots queue (and the queueing shows in TTFT).
 */
final class ScriptedStreamingClient implements StreamingClient {
    private final Target target;
    private final RunClock clock;
    private final long ttftMillis;
    private final long gapMillis;
    private final int tokens;
    private final Semaphore slots;
    private final int failEvery;
    private final IntConsumer beforeRequest;
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @param slots         parallel requests the pretend server serves (Integer.MAX_VALUE for unlimited)
     * @param failEvery     every n-th request fails with HTTP 503 (0 for never)
     * @param beforeRequest called with the request's call number (from 0) once it holds a slot, before
     *                      its first token; may block (a server stall)
     */
    ScriptedStreamingClient(Target target, RunClock clock, long ttftMillis, long gapMillis, int tokens, int slots, int failEvery,
                            IntConsumer beforeRequest) {
        this.target = target;
        this.clock = clock;
        this.ttftMillis = ttftMillis;
        this.gapMillis = gapMillis;
        this.tokens = tokens;
        this.slots = new Semaphore(slots);
        this.failEvery = failEvery;
        this.beforeRequest = beforeRequest;
    }

    @Override
    public RequestRecord execute(GenerationRequest request, long intendedSendNanos) {
        // The runner's preflight request is not part of the scripted sequence: call numbers count load only.
        int call = request.requestId().startsWith("preflight-") ? -1 : calls.getAndIncrement();
        long send = clock.nanos();
        if (call >= 0 && failEvery > 0 && (call + 1) % failEvery == 0) {
            long end = clock.nanos();
            return new RequestRecord(request.requestId(), new RequestRecord.Destination(target.name(), target.api(), target.model(), "/v1/chat/completions"),
                    new RequestRecord.Timeline(intendedSendNanos, send, end, null, new long[0], new int[0], end),
                    RequestRecord.Tokens.UNKNOWN, RequestRecord.Reply.ofText(""), new RequestError(ErrorClass.OVERLOADED, 503, "queue full", null), null);
        }
        slots.acquireUninterruptibly();
        try {
            if (call >= 0) beforeRequest.accept(call);
            long[] chunks = new long[tokens];
            sleep(ttftMillis);
            for (int i = 0; i < tokens; i++) {
                if (i > 0) sleep(gapMillis);
                chunks[i] = clock.nanos();
            }
            int[] counts = new int[tokens];
            java.util.Arrays.fill(counts, 1);
            return new RequestRecord(request.requestId(), new RequestRecord.Destination(target.name(), target.api(), target.model(), "/v1/chat/completions"),
                    new RequestRecord.Timeline(intendedSendNanos, send, send, tokens == 0 ? null : chunks[0], chunks, counts, clock.nanos()),
                    new RequestRecord.Tokens(10, TokenCountSource.SERVER, tokens, TokenCountSource.SERVER, false), new RequestRecord.Reply("stop", "x".repeat(tokens), null, null), null, null);
        } finally {
            slots.release();
        }
    }

    int calls() {
        return calls.get();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
    }
}
