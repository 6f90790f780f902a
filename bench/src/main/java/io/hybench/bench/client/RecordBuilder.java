package io.hybench.bench.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Collects what one request's stream reveals, then freezes it into a {@link RequestRecord}. Owned by
 * the one thread running the request. Output tokens are resolved in the order docs/metrics.md gives:
 * server usage, else logprob entries, else content chunks.
 */
public final class RecordBuilder {
    private final Target target;
    private final GenerationRequest request;
    private final String endpoint;
    private final long intendedSendNanos;
    private final boolean outputLengthForced;

    private long sendNanos;
    private Long headersNanos;
    private long[] chunkArrivals = new long[32];
    private int[] chunkTokens = new int[32];
    private int chunks;
    private final StringBuilder text = new StringBuilder();
    private final List<TokenLogprob> logprobs = new ArrayList<>();
    private int logprobTokens;
    private Integer serverInputTokens;
    private Integer serverOutputTokens;
    private Integer cachedInputTokens;
    private Integer cacheWriteInputTokens;
    private String finishReason;
    private ServerTimings serverTimings;
    private Long endNanos;
    private RequestError error;
    private Consumer<String> onText; // null: nobody relays the text as it arrives
    private RouteHeaders route;
    private Supplier<RequestRecord.StampUncertainty> timingUncertainty; // null: no I/O thread stamps this request

    public RecordBuilder(Target target, GenerationRequest request, String endpoint, long intendedSendNanos,
                         boolean outputLengthForced) {
        this.target = Objects.requireNonNull(target, "target");
        this.request = Objects.requireNonNull(request, "request");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.intendedSendNanos = intendedSendNanos;
        this.outputLengthForced = outputLengthForced;
    }

    /** Hands each part of the response text to {@code listener} as {@link #content} records it (a relay's live stream). */
    public RecordBuilder onText(Consumer<String> listener) {
        this.onText = listener;
        return this;
    }

    public GenerationRequest request() {
        return request;
    }

    public void sent(long nanos) {
        sendNanos = nanos;
    }

    public long sendNanos() {
        return sendNanos;
    }

    /** Where the record's timing uncertainty comes from when it is built. */
    public void timingUncertainty(Supplier<RequestRecord.StampUncertainty> uncertainty) {
        timingUncertainty = uncertainty;
    }

    public void headers(long nanos) {
        headersNanos = nanos;
    }

    /** A hybrid router's route headers on the response (null: none). */
    public void route(RouteHeaders r) {
        route = r;
    }

    /**
     * A chunk carrying generated output arrived.
     *
     * @param textPart   the part that belongs to the response text ("" for reasoning or tool-call chunks)
     * @param tokenCount tokens in the chunk when the protocol says (logprob entries), else 1
     */
    public void content(long arrivalNanos, String textPart, int tokenCount) {
        if (chunks == chunkArrivals.length) {
            chunkArrivals = Arrays.copyOf(chunkArrivals, chunks * 2);
            chunkTokens = Arrays.copyOf(chunkTokens, chunks * 2);
        }
        chunkArrivals[chunks] = arrivalNanos;
        chunkTokens[chunks] = tokenCount;
        chunks++;
        text.append(textPart);
        if (onText != null && !textPart.isEmpty()) onText.accept(textPart);
    }

    public boolean hasContent() {
        return chunks > 0;
    }

    /** Content chunks so far. */
    public int contentChunks() {
        return chunks;
    }

    public void logprobs(List<TokenLogprob> entries) {
        logprobs.addAll(entries);
        logprobTokens += entries.size();
    }

    public void serverInputTokens(int n) {
        serverInputTokens = n;
    }

    /** Of the prompt tokens, those the server reports served from its prompt cache; null keeps what was read before. */
    public void cachedInputTokens(Integer n) {
        if (n != null) cachedInputTokens = n;
    }

    /** Of the prompt tokens, those the server reports written to its prompt cache; null keeps what was read before. */
    public void cacheWriteInputTokens(Integer n) {
        if (n != null) cacheWriteInputTokens = n;
    }

    /** The server's count of generated tokens; null withdraws one that turned out not to be this record's. */
    public void serverOutputTokens(Integer n) {
        serverOutputTokens = n;
    }

    public void finishReason(String reason) {
        finishReason = reason;
    }

    public void serverTimings(ServerTimings timings) {
        serverTimings = timings;
    }

    /** The protocol's end marker arrived at {@code nanos}. */
    public void ended(long nanos) {
        if (endNanos == null) endNanos = nanos;
    }

    /** The request failed at {@code nanos}; the first failure wins. */
    public void fail(RequestError e, long nanos) {
        if (error != null) return;
        error = Objects.requireNonNull(e, "error");
        endNanos = nanos;
    }

    public boolean failed() {
        return error != null;
    }

    public RequestRecord build() {
        if (endNanos == null) throw new IllegalStateException("request " + request.requestId() + " neither ended nor failed");
        Integer out;
        TokenCountSource outSource;
        if (serverOutputTokens != null) {
            out = serverOutputTokens;
            outSource = TokenCountSource.SERVER;
        } else if (logprobTokens > 0) {
            out = logprobTokens;
            outSource = TokenCountSource.LOGPROBS;
        } else if (error == null || chunks > 0) {
            out = chunks;
            outSource = TokenCountSource.CHUNKS;
        } else {
            out = null;
            outSource = TokenCountSource.UNKNOWN;
        }
        return new RequestRecord(request.requestId(),
                new RequestRecord.Destination(target.name(), target.api(), target.model(), endpoint),
                new RequestRecord.Timeline(intendedSendNanos, sendNanos, headersNanos, chunks == 0 ? null : chunkArrivals[0],
                        Arrays.copyOf(chunkArrivals, chunks), Arrays.copyOf(chunkTokens, chunks), endNanos,
                        timingUncertainty == null ? RequestRecord.StampUncertainty.UNKNOWN : timingUncertainty.get()),
                new RequestRecord.Tokens(serverInputTokens, serverInputTokens == null ? TokenCountSource.UNKNOWN : TokenCountSource.SERVER,
                        out, outSource, outputLengthForced, cachedInputTokens, cacheWriteInputTokens),
                new RequestRecord.Reply(finishReason, text.toString(), serverTimings, logprobs), error, route);
    }
}
