package io.hybench.bench.client;

/** Where a token count came from; reports say which, because the choices disagree (docs/metrics.md). */
public enum TokenCountSource {
    /** The server's own usage fields ({@code usage}, {@code eval_count}, {@code message_delta}). */
    SERVER,
    /** One per entry of the per-chunk logprobs list: exact tokens, but without EOS. */
    LOGPROBS,
    /** Number of content chunks: a lower bound when servers pack several tokens per chunk. */
    CHUNKS,
    /** Nothing to count from (failed before the count was known). */
    UNKNOWN
}
