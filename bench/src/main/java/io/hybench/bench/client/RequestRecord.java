package io.hybench.bench.client;

import java.util.List;
import java.util.Objects;

/**
 * Everything measured about one request, immutable. Times are monotonic nanoseconds since the run's
 * start ({@link RunClock}); a null time means the event never happened (no headers, no content).
 * Metrics are derived from these fields only by {@link io.hybench.bench.metrics.Metrics}.
 *
 * @param requestId           id from the {@link GenerationRequest}
 * @param target              target name
 * @param api                 protocol used
 * @param model               model requested
 * @param endpoint            path requested, e.g. {@code /v1/chat/completions}
 * @param intendedSendNanos   when the schedule wanted the request sent (latency starts here)
 * @param sendNanos           when the client actually started sending it
 * @param headersNanos        when response headers arrived
 * @param firstContentNanos   arrival of the first chunk carrying real content (text, reasoning, tool call)
 * @param chunkArrivalNanos   arrival time of every content chunk, in order
 * @param chunkTokenCounts    tokens in each content chunk where known (logprobs), else 1 per chunk
 * @param endNanos            when the stream ended (end marker read, error, or disconnect)
 * @param inputTokens         prompt tokens, null when unknown
 * @param inputTokenSource    where {@code inputTokens} came from
 * @param outputTokens        generated tokens, null when unknown
 * @param outputTokenSource   where {@code outputTokens} came from
 * @param outputLengthForced  whether the request asked the server to emit exactly maxTokens and the
 *                            server supports that
 * @param finishReason        server's finish/stop/done reason as sent, null when none arrived
 * @param text                concatenated content text
 * @param serverTimings       server-side timings when the protocol reports them, else null
 * @param logprobs            per-token logprobs when requested, else empty
 * @param error               null on success
 * @param route               a hybrid router's route headers on the response, null when it sent none
 */
public record RequestRecord(
        String requestId,
        String target,
        ApiKind api,
        String model,
        String endpoint,
        long intendedSendNanos,
        long sendNanos,
        Long headersNanos,
        Long firstContentNanos,
        long[] chunkArrivalNanos,
        int[] chunkTokenCounts,
        long endNanos,
        Integer inputTokens,
        TokenCountSource inputTokenSource,
        Integer outputTokens,
        TokenCountSource outputTokenSource,
        boolean outputLengthForced,
        String finishReason,
        String text,
        ServerTimings serverTimings,
        List<TokenLogprob> logprobs,
        RequestError error,
        RouteHeaders route) {

    public RequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(chunkArrivalNanos, "chunkArrivalNanos");
        Objects.requireNonNull(chunkTokenCounts, "chunkTokenCounts");
        if (chunkArrivalNanos.length != chunkTokenCounts.length) {
            throw new IllegalArgumentException("chunkArrivalNanos and chunkTokenCounts differ in length");
        }
        inputTokenSource = inputTokenSource == null ? TokenCountSource.UNKNOWN : inputTokenSource;
        outputTokenSource = outputTokenSource == null ? TokenCountSource.UNKNOWN : outputTokenSource;
        text = text == null ? "" : text;
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    public boolean succeeded() {
        return error == null;
    }

    /** The same request on a clock whose origin is {@code deltaNanos} earlier (every run-relative time moved by it). */
    public RequestRecord shifted(long deltaNanos) {
        long[] chunks = chunkArrivalNanos.clone();
        for (int i = 0; i < chunks.length; i++) chunks[i] += deltaNanos;
        return new RequestRecord(requestId, target, api, model, endpoint, intendedSendNanos + deltaNanos, sendNanos + deltaNanos,
                headersNanos == null ? null : headersNanos + deltaNanos, firstContentNanos == null ? null : firstContentNanos + deltaNanos,
                chunks, chunkTokenCounts, endNanos + deltaNanos, inputTokens, inputTokenSource, outputTokens, outputTokenSource,
                outputLengthForced, finishReason, text, serverTimings, logprobs, error, route);
    }
}
