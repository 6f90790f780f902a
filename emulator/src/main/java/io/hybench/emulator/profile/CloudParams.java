package io.hybench.emulator.profile;

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
 */
public record CloudParams(long rttNanos, long queueMedianNanos, double queueSigma, double prefillTokensPerSecond,
                          double decodeTokensPerSecond, double decodeJitterSigma, int requestsPerMinute,
                          long tokensPerMinute, double overloadRate) implements EngineParams {
}
