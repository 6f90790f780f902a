package io.hybench.bench.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
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
 * names are a public format (docs/probe.md); add fields, never rename or drop them. The parts group the fields
 * for readers of the code; on the wire they stay one flat object ({@link JsonUnwrapped}). Metrics come from
 * {@link Metrics}; a metric that is undefined for this request is null, never 0.
 *
 * @param to            where the request went
 * @param text          the reply's text
 * @param counts        tokens and content chunks
 * @param latency       the request's latencies
 * @param finish        how the reply ended
 * @param serverTimings the server's own timings, where it reports them
 * @param failure       what went wrong; all null for a success
 */
public record ProbeResult(@JsonUnwrapped To to, String text, @JsonUnwrapped Counts counts, @JsonUnwrapped Latency latency,
                          @JsonUnwrapped Finish finish, ServerTimings serverTimings, @JsonUnwrapped Failure failure) {

    private static final double NANOS_PER_MS = 1e6;

    public ProbeResult {
        failure = failure == null ? Failure.NONE : failure;
    }

    /** @param api the protocol, lower case */
    public record To(String target, String api, String model, String endpoint) {
    }

    /** @param contentChunks chunks that carried content */
    public record Counts(Integer inputTokens, TokenCountSource inputTokenSource, Integer outputTokens,
                         TokenCountSource outputTokenSource, int contentChunks) {
    }

    /** Null where undefined for this request. */
    public record Latency(Double ttftMs, Double e2eMs, Double tpotMs) {
    }

    /** @param reason the server's finish reason; @param outputLengthForced the output length was forced (ignore_eos) */
    public record Finish(@JsonProperty("finishReason") String reason, boolean outputLengthForced) {
    }

    /** @param errorMessage the error's message; @param retryAfterMs the server's retry-after, where it gave one */
    public record Failure(ErrorClass errorClass, Integer httpStatus, String errorMessage, Long retryAfterMs) {
        static final Failure NONE = new Failure(null, null, null, null);

        static Failure of(RequestError error) {
            return error == null ? NONE : new Failure(error.errorClass(), error.httpStatus(), error.message(), error.retryAfterMs());
        }
    }

    public static ProbeResult of(RequestRecord r) {
        return new ProbeResult(new To(r.to().target(), r.to().api().name().toLowerCase(Locale.ROOT), r.to().model(), r.to().endpoint()),
                r.reply().text(),
                new Counts(r.tokens().inputTokens(), r.tokens().inputTokenSource(), r.tokens().outputTokens(),
                        r.tokens().outputTokenSource(), r.timeline().chunkArrivalNanos().length),
                new Latency(ms(Metrics.ttftNanos(r)), ms(Metrics.e2eNanos(r)), ms(Metrics.tpotNanos(r))),
                new Finish(r.reply().finishReason(), r.tokens().outputLengthForced()), r.reply().serverTimings(), Failure.of(r.error()));
    }

    public boolean succeeded() {
        return failure.errorClass() == null;
    }

    /** A two-column table, one field per row, in the JSON's field order; text last with newlines shown as \n. */
    public String table() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("target", to.target());
        rows.put("api", to.api());
        rows.put("model", to.model());
        rows.put("endpoint", to.endpoint());
        rows.put("status", succeeded() ? "ok" : "FAILED");
        rows.put("inputTokens", count(counts.inputTokens(), counts.inputTokenSource()));
        rows.put("outputTokens", count(counts.outputTokens(), counts.outputTokenSource()));
        rows.put("contentChunks", Integer.toString(counts.contentChunks()));
        rows.put("ttftMs", fixed(latency.ttftMs()));
        rows.put("e2eMs", fixed(latency.e2eMs()));
        rows.put("tpotMs", fixed(latency.tpotMs()));
        rows.put("finishReason", finish.reason() == null ? "-" : finish.reason());
        rows.put("outputLengthForced", Boolean.toString(finish.outputLengthForced()));
        if (serverTimings != null) {
            rows.put("server totalDurationMs", fixed(serverTimings.totalDurationNanos() / NANOS_PER_MS));
            rows.put("server loadDurationMs", fixed(serverTimings.loadDurationNanos() / NANOS_PER_MS));
            rows.put("server promptEvalDurationMs", fixed(serverTimings.promptEvalDurationNanos() / NANOS_PER_MS));
            rows.put("server evalDurationMs", fixed(serverTimings.evalDurationNanos() / NANOS_PER_MS));
        }
        if (!succeeded()) {
            rows.put("errorClass", failure.errorClass().name());
            rows.put("httpStatus", failure.httpStatus() == null ? "-" : failure.httpStatus().toString());
            rows.put("errorMessage", failure.errorMessage());
            rows.put("retryAfterMs", failure.retryAfterMs() == null ? "-" : failure.retryAfterMs().toString());
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
