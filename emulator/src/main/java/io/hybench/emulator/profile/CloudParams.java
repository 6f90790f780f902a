package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.core.config.Checks;

/**
 * Cloud-API-like service: every stream is independent (the provider's fleet absorbs batching), so
 * latency comes from the network, a heavy-tailed queue before the first token, and a per-stream rate.
 *
 * @param rttNanos               network round trip added before the first byte
 * @param queueMedianNanos       median of the lognormal wait before the first token
 * @param queueSigma             log-space standard deviation of that wait (P99 = median * e^(2.326 sigma))
 * @param prefillTokensPerSecond prompt processing rate
 * @param decodeTokensPerSecond  median per-stream output rate
 * @param decodeJitterSigma      log-space standard deviation of each inter-token gap
 * @param requestsPerMinute      per-key request limit (0: none); over it answers 429
 * @param tokensPerMinute        per-key token limit, prompt plus requested output (0: none)
 * @param overloadRate           fraction of requests refused as overloaded
 * @param cacheMinTokens         the shortest prefix an Anthropic {@code cache_control} breakpoint caches (the model's
 *                               minimum cacheable length: 1024 for Sonnet 4.x, 2048 for Haiku 3.x, 4096 for Opus 4.5
 *                               and Haiku 4.5); OpenAI's automatic caching has its own 1024
 */
public record CloudParams(long rttNanos, long queueMedianNanos, double queueSigma, double prefillTokensPerSecond,
                          double decodeTokensPerSecond, double decodeJitterSigma, int requestsPerMinute,
                          long tokensPerMinute, double overloadRate, int cacheMinTokens) implements EngineParams {
    public static final int DEFAULT_CACHE_MIN_TOKENS = 1024;

    /** Parameters with the default minimum cacheable length. */
    public CloudParams(long rttNanos, long queueMedianNanos, double queueSigma, double prefillTokensPerSecond,
                       double decodeTokensPerSecond, double decodeJitterSigma, int requestsPerMinute,
                       long tokensPerMinute, double overloadRate) {
        this(rttNanos, queueMedianNanos, queueSigma, prefillTokensPerSecond, decodeTokensPerSecond, decodeJitterSigma,
                requestsPerMinute, tokensPerMinute, overloadRate, DEFAULT_CACHE_MIN_TOKENS);
    }

    /** The {@code engine} section of {@code kind: cloud}. */
    @JsonCreator
    static CloudParams fromFile(@JsonProperty(value = "rtt_ms", required = true) double rttMs,
                                @JsonProperty(value = "queue_median_ms", required = true) double queueMedianMs,
                                @JsonProperty(value = "queue_sigma", required = true) double queueSigma,
                                @JsonProperty(value = "prefill_tokens_per_s", required = true) double prefillTokensPerSecond,
                                @JsonProperty(value = "decode_tokens_per_s", required = true) double decodeTokensPerSecond,
                                @JsonProperty(value = "decode_jitter_sigma", required = true) double decodeJitterSigma,
                                @JsonProperty(value = "rpm_limit", required = true) int requestsPerMinute,
                                @JsonProperty(value = "tpm_limit", required = true) long tokensPerMinute,
                                @JsonProperty(value = "overload_rate", required = true) double overloadRate,
                                @JsonProperty("cache_min_tokens") Integer cacheMinTokens) {
        return new CloudParams(Millis.nanos("rtt_ms", rttMs, 0), Millis.nanos("queue_median_ms", queueMedianMs, 0),
                Checks.within("queue_sigma", queueSigma, 0, 5), Checks.within("prefill_tokens_per_s", prefillTokensPerSecond, 1e-3, 1e9),
                Checks.within("decode_tokens_per_s", decodeTokensPerSecond, 1e-3, 1e9),
                Checks.within("decode_jitter_sigma", decodeJitterSigma, 0, 3), Checks.within("rpm_limit", requestsPerMinute, 0, 100_000_000),
                Checks.within("tpm_limit", tokensPerMinute, 0, 100_000_000_000L), Checks.within("overload_rate", overloadRate, 0, 1),
                cacheMinTokens == null ? DEFAULT_CACHE_MIN_TOKENS : Checks.within("cache_min_tokens", cacheMinTokens, 1, 1_000_000_000));
    }
}
