package io.hybench.bench.load;

/**
 * Request fields common to every prompt of a workload.
 *
 * @param chat              chat endpoint (true) or completion/generate endpoint
 * @param forceOutputLength ask the server to emit exactly the requested output length where it can
 *                          (vLLM {@code ignore_eos}); the record says whether it was honoured
 * @param temperature       sampling temperature, null for the server's default
 */
public record RequestOptions(boolean chat, boolean forceOutputLength, Double temperature) {
    public RequestOptions {
        if (temperature != null && (!(temperature >= 0) || !Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
    }
}
