package io.hybench.bench.probe;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerTimings;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.metrics.Metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The output of {@code hybench probe}: one request's record flattened for people and scripts. Field
 * names are a public format (docs/probe.md); add fields, never rename or drop them. Metrics come from
 * {@link Metrics}; a metric that is undefined for this request is null, never 0.
 */
public record ProbeResult(
        String target,
        String api,
        String model,
        String endpoint,
        String text,
        Integer inputTokens,
        TokenCountSource inputTokenSource,
        Integer outputTokens,
        TokenCountSource outputTokenSource,
        int contentChunks,
        Double ttftMs,
        Double e2eMs,
        Double tpotMs,
        String finishReason,
        boolean outputLengthForced,
        ServerTimings serverTimings,
        ErrorClass errorClass,
        Integer httpStatus,
        String errorMessage,
        Long retryAfterMs) {

    private static final double NANOS_PER_MS = 1e6;

    public static ProbeResult of(RequestRecord r) {
        return new ProbeResult(r.to().target(), r.to().api().name().toLowerCase(Locale.ROOT), r.to().model(), r.to().endpoint(), r.reply().text(),
                r.tokens().inputTokens(), r.tokens().inputTokenSource(), r.tokens().outputTokens(), r.tokens().outputTokenSource(), r.timeline().chunkArrivalNanos().length,
                ms(Metrics.ttftNanos(r)), ms(Metrics.e2eNanos(r)), ms(Metrics.tpotNanos(r)), r.reply().finishReason(),
                r.tokens().outputLengthForced(), r.reply().serverTimings(),
                r.error() == null ? null : r.error().errorClass(),
                r.error() == null ? null : r.error().httpStatus(),
                r.error() == null ? null : r.error().message(),
                r.error() == null ? null : r.error().retryAfterMs());
    }

    public boolean succeeded() {
        return errorClass == null;
    }

    /** A two-column table, one field per row, in the JSON's field order; text last with newlines shown as \n. */
    public String table() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("target", target);
        rows.put("api", api);
        rows.put("model", model);
        rows.put("endpoint", endpoint);
        rows.put("status", succeeded() ? "ok" : "FAILED");
        rows.put("inputTokens", count(inputTokens, inputTokenSource));
        rows.put("outputTokens", count(outputTokens, outputTokenSource));
        rows.put("contentChunks", Integer.toString(contentChunks));
        rows.put("ttftMs", fixed(ttftMs));
        rows.put("e2eMs", fixed(e2eMs));
        rows.put("tpotMs", fixed(tpotMs));
        rows.put("finishReason", finishReason == null ? "-" : finishReason);
        rows.put("outputLengthForced", Boolean.toString(outputLengthForced));
        if (serverTimings != null) {
            rows.put("server totalDurationMs", fixed(serverTimings.totalDurationNanos() / NANOS_PER_MS));
            rows.put("server loadDurationMs", fixed(serverTimings.loadDurationNanos() / NANOS_PER_MS));
            rows.put("server promptEvalDurationMs", fixed(serverTimings.promptEvalDurationNanos() / NANOS_PER_MS));
            rows.put("server evalDurationMs", fixed(serverTimings.evalDurationNanos() / NANOS_PER_MS));
        }
        if (!succeeded()) {
            rows.put("errorClass", errorClass.name());
            rows.put("httpStatus", httpStatus == null ? "-" : httpStatus.toString());
            rows.put("errorMessage", errorMessage);
            rows.put("retryAfterMs", retryAfterMs == null ? "-" : retryAfterMs.toString());
        }
        rows.put("text", text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"));
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        rows.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", k, v)));
        return out.toString();
    }

    private static Double ms(OptionalLong nanos) {
        return nanos.isPresent() ? nanos.getAsLong() / NANOS_PER_MS : null;
    }

    private static Double ms(OptionalDouble nanos) {
        return nanos.isPresent() ? nanos.getAsDouble() / NANOS_PER_MS : null;
    }

    private static String fixed(Double v) {
        return v == null ? "not measured" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String count(Integer n, TokenCountSource source) {
        return n == null ? "unknown" : n + " (" + source.name().toLowerCase(Locale.ROOT) + ")";
    }
}
