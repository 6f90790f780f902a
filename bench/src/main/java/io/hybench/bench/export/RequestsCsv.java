package io.hybench.bench.export;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SequenceWriter;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.results.RequestLine;
import io.hybench.core.mapper.Csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code requests.csv}: one row per line of requests.jsonl, the request's metrics as {@link Metrics} defines them
 * (docs/results.md, "Exports"). Times are milliseconds on the run's clock; an empty cell is a metric the request
 * does not define (no content, so no TTFT; a failure, so no E2E).
 */
public final class RequestsCsv {
    private RequestsCsv() {
    }

    @JsonPropertyOrder({"step", "warmup", "requestId", "target", "promptId", "category", "requestedMaxTokens", "intendedSendMs",
            "sendLagMs", "ttftMs", "tpotMs", "e2eMs", "inputTokens", "outputTokens", "finishReason", "error", "httpStatus",
            "cachedInputTokens", "cacheWriteInputTokens", "timingUncertaintyMs", "ttftTimingUncertaintyMs", "e2eTimingUncertaintyMs"})
    record Row(int step, boolean warmup, String requestId, String target, String promptId, String category, Integer requestedMaxTokens,
               double intendedSendMs, double sendLagMs, Double ttftMs, Double tpotMs, Double e2eMs, Integer inputTokens,
               Integer outputTokens, String finishReason, String error, Integer httpStatus, Integer cachedInputTokens,
               Integer cacheWriteInputTokens, Double timingUncertaintyMs, Double ttftTimingUncertaintyMs, Double e2eTimingUncertaintyMs) {

        static Row of(RequestLine line) {
            RequestRecord r = line.record();
            return new Row(line.step(), line.warmup(), r.requestId(), r.to().target(), line.promptId(), line.category(), line.requestedMaxTokens(),
                    Metrics.nanosToMs(r.timeline().intendedSendNanos()), Metrics.nanosToMs(Metrics.sendLagNanos(r)),
                    ms(Metrics.ttftNanos(r)),
                    ms(Metrics.tpotNanos(r).isPresent() ? Metrics.tpotNanos(r).getAsDouble() : null),
                    ms(Metrics.e2eNanos(r)),
                    r.tokens().inputTokens(), r.tokens().outputTokens(), r.reply().finishReason(),
                    r.error() == null ? null : r.error().errorClass().name(), r.error() == null ? null : r.error().httpStatus(),
                    r.tokens().cachedInputTokens(), r.tokens().cacheWriteInputTokens(),
                    ms(Metrics.timingUncertaintyNanos(r)), ms(Metrics.ttftTimingUncertaintyNanos(r)), ms(Metrics.e2eTimingUncertaintyNanos(r)));
        }

        private static Double ms(Double nanos) {
            return nanos == null ? null : Metrics.nanosToMs(nanos);
        }

        private static Double ms(OptionalLong nanos) {
            return nanos.isPresent() ? Metrics.nanosToMs(nanos.getAsLong()) : null;
        }
    }

    static void write(List<RequestLine> lines, Path file) {
        try (SequenceWriter out = Csv.MAPPER.writer(Csv.MAPPER.schemaFor(Row.class).withHeader()).writeValues(file.toFile())) {
            for (RequestLine l : lines) out.write(Row.of(l));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
