package io.hybench.bench.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Objects;

/**
 * Everything measured about one request, immutable. Times are monotonic nanoseconds since the run's
 * start ({@link RunClock}); a null time means the event never happened (no headers, no content).
 * Metrics are derived from these fields only by {@link io.hybench.bench.metrics.Metrics}. The parts are
 * unwrapped in {@code requests.jsonl}: one flat object per request, its keys as documented in
 * docs/results.md.
 *
 * @param requestId id from the {@link GenerationRequest}
 * @param to        where it was sent
 * @param timeline  when it was sent and when each part of the answer arrived
 * @param tokens    how many tokens went in and came out, and who counted them
 * @param reply     what the server answered
 * @param error     null on success
 * @param route     a hybrid router's route headers on the response, null when it sent none
 */
public record RequestRecord(
        String requestId,
        @JsonUnwrapped Destination to,
        @JsonUnwrapped Timeline timeline,
        @JsonUnwrapped Tokens tokens,
        @JsonUnwrapped Reply reply,
        RequestError error,
        RouteHeaders route) {

    public RequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(reply, "reply");
    }

    /**
     * @param target   target name
     * @param api      protocol used
     * @param model    model requested
     * @param endpoint path requested, e.g. {@code /v1/chat/completions}
     */
    public record Destination(String target, ApiKind api, String model, String endpoint) {
        /** The endpoint of an arrival cancelled before it was sent. */
        public static final String NOT_SENT = "(not sent)";

        public Destination {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(api, "api");
        }
    }

    /**
     * @param intendedSendNanos when the schedule wanted the request sent (latency starts here)
     * @param sendNanos         when the client actually started sending it
     * @param headersNanos      when response headers arrived
     * @param firstContentNanos arrival of the first chunk carrying real content (text, reasoning, tool call)
     * @param chunkArrivalNanos arrival time of every content chunk, in order
     * @param chunkTokenCounts  tokens in each content chunk where known (logprobs), else 1 per chunk
     * @param endNanos          when the stream ended (end marker read, error, or disconnect)
     * @param uncertainty       how far its arrival stamps may be off
     */
    public record Timeline(long intendedSendNanos, long sendNanos, Long headersNanos, Long firstContentNanos,
                           long[] chunkArrivalNanos, int[] chunkTokenCounts, long endNanos,
                           @JsonUnwrapped StampUncertainty uncertainty) {
        /** Times without a timing uncertainty. */
        public Timeline(long intendedSendNanos, long sendNanos, Long headersNanos, Long firstContentNanos,
                        long[] chunkArrivalNanos, int[] chunkTokenCounts, long endNanos) {
            this(intendedSendNanos, sendNanos, headersNanos, firstContentNanos, chunkArrivalNanos, chunkTokenCounts, endNanos,
                    StampUncertainty.UNKNOWN);
        }

        public Timeline {
            uncertainty = uncertainty == null ? StampUncertainty.UNKNOWN : uncertainty;
            Objects.requireNonNull(chunkArrivalNanos, "chunkArrivalNanos");
            Objects.requireNonNull(chunkTokenCounts, "chunkTokenCounts");
            if (chunkArrivalNanos.length != chunkTokenCounts.length) {
                throw new IllegalArgumentException("chunkArrivalNanos and chunkTokenCounts differ in length");
            }
        }

        /** The same times on a clock whose origin is {@code deltaNanos} earlier. */
        Timeline shifted(long deltaNanos) {
            long[] chunks = chunkArrivalNanos.clone();
            for (int i = 0; i < chunks.length; i++) chunks[i] += deltaNanos;
            return new Timeline(intendedSendNanos + deltaNanos, sendNanos + deltaNanos,
                    headersNanos == null ? null : headersNanos + deltaNanos, firstContentNanos == null ? null : firstContentNanos + deltaNanos,
                    chunks, chunkTokenCounts, endNanos + deltaNanos, uncertainty);
        }
    }

    /**
     * How far a request's arrival stamps may be off (docs/metrics.md, "Per-request timing uncertainty"), taken by the
     * client when it made the record. Each part is null (absent from the line) where no I/O thread stamped what it covers
     * (no connection, a client without the probe, files written before it existed).
     *
     * @param requestNanos all its stamps: the largest in-batch stamp delay of its socket reads plus the largest lag of its
     *                     I/O thread from its send until its record was made
     * @param ttftNanos    the stamp that ended its TTFT: the in-batch delay of the read that brought the first content plus
     *                     the largest lag of its I/O thread's probe sends in flight at that read's stamp; null without content
     * @param e2eNanos     the stamp that ended its E2E: the same for the read that brought the end marker (or an in-stream
     *                     error); null when no frame ended the stream
     */
    public record StampUncertainty(@JsonProperty("timingUncertaintyNanos") @JsonInclude(JsonInclude.Include.NON_NULL) Long requestNanos,
                                   @JsonProperty("ttftTimingUncertaintyNanos") @JsonInclude(JsonInclude.Include.NON_NULL) Long ttftNanos,
                                   @JsonProperty("e2eTimingUncertaintyNanos") @JsonInclude(JsonInclude.Include.NON_NULL) Long e2eNanos) {
        public static final StampUncertainty UNKNOWN = new StampUncertainty(null, null, null);

        /** Only the request-wide part known (older records, tests). */
        public static StampUncertainty ofRequest(Long requestNanos) {
            return new StampUncertainty(requestNanos, null, null);
        }
    }

    /**
     * @param inputTokens        prompt tokens, null when unknown
     * @param inputTokenSource   where {@code inputTokens} came from
     * @param outputTokens       generated tokens, null when unknown
     * @param outputTokenSource  where {@code outputTokens} came from
     * @param outputLengthForced whether the request asked the server to emit exactly maxTokens and the
     *                           server supports that
     * @param cachedInputTokens  of {@code inputTokens}, those the server served from its prompt cache (OpenAI/vLLM
     *                           {@code usage.prompt_tokens_details.cached_tokens}, Anthropic
     *                           {@code cache_read_input_tokens}); null (and absent from the line) when it reported none
     * @param cacheWriteInputTokens of {@code inputTokens}, those the server wrote to its prompt cache (Anthropic
     *                           {@code cache_creation_input_tokens}); null (absent) when it reported none
     */
    public record Tokens(Integer inputTokens, TokenCountSource inputTokenSource, Integer outputTokens,
                         TokenCountSource outputTokenSource, boolean outputLengthForced,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer cachedInputTokens,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer cacheWriteInputTokens) {
        /** Nothing counted (a request that failed before any usage arrived). */
        public static final Tokens UNKNOWN = new Tokens(null, null, null, null, false);

        public Tokens {
            inputTokenSource = inputTokenSource == null ? TokenCountSource.UNKNOWN : inputTokenSource;
            outputTokenSource = outputTokenSource == null ? TokenCountSource.UNKNOWN : outputTokenSource;
        }

        /** Counts from a server that reported nothing about its prompt cache. */
        public Tokens(Integer inputTokens, TokenCountSource inputTokenSource, Integer outputTokens,
                      TokenCountSource outputTokenSource, boolean outputLengthForced) {
            this(inputTokens, inputTokenSource, outputTokens, outputTokenSource, outputLengthForced, null, null);
        }
    }

    /**
     * @param finishReason  server's finish/stop/done reason as sent, null when none arrived
     * @param text          concatenated content text
     * @param serverTimings server-side timings when the protocol reports them, else null
     * @param logprobs      per-token logprobs when requested, else empty
     */
    public record Reply(String finishReason, String text, ServerTimings serverTimings, List<TokenLogprob> logprobs) {
        public Reply {
            text = text == null ? "" : text;
            logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
        }

        /** Just {@code text}: no finish reason, server timings or logprobs. */
        public static Reply ofText(String text) {
            return new Reply(null, text, null, List.of());
        }
    }

    public boolean succeeded() {
        return error == null;
    }

    /** The same request on a clock whose origin is {@code deltaNanos} earlier (every run-relative time moved by it). */
    public RequestRecord shifted(long deltaNanos) {
        return new RequestRecord(requestId, to, timeline.shifted(deltaNanos), tokens, reply, error, route);
    }
}
