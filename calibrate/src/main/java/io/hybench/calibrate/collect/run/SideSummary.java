package io.hybench.calibrate.collect.run;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.cost.ModelPrice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One target's totals over every row of the output (resumed rows included). The groups are nested for
 * readers of the code; in {@code NAME.summary.json} they stay one flat object per target ({@link JsonUnwrapped}).
 *
 * @param signals   per signal: rows that have it, and the reasons given where it is absent
 */
public record SideSummary(String target, String model, @JsonUnwrapped Grades grades, @JsonUnwrapped Tokens tokens,
                          @JsonUnwrapped Cost cost, double meanLatencyMs, Map<String, SignalCoverage> signals) {

    /** Graded rows, how many were right and how many had no parseable answer; accuracy NaN without rows. */
    public record Grades(int rows, int correct, int unparseable, double accuracy) {
        static Grades of(int rows, int correct, int unparseable) {
            return new Grades(rows, correct, unparseable, rows == 0 ? Double.NaN : (double) correct / rows);
        }
    }

    /** Server-counted tokens of the graded requests and of the self-consistency samples; rows whose server gave no counts. */
    public record Tokens(long inputTokens, long outputTokens, long sampleInputTokens, long sampleOutputTokens, int rowsWithoutTokens) {
    }

    /**
     * @param costUsd  USD for the graded requests, null when the model has no price or a row lacks token counts
     * @param costNote why {@code costUsd} is null, else the price's source
     */
    public record Cost(Double costUsd, Double sampleCostUsd, String costNote) {
        /** {@code cache}: prompt-cache reads and writes of the graded requests ([0], [1]) and of the samples ([2], [3]). */
        static Cost of(ModelPrice price, Tokens t, long[] cache, String model) {
            if (price == null) return new Cost(null, null, "no price for model '" + model + "' (no price file, or the model is not in it)");
            if (t.rowsWithoutTokens() > 0) return new Cost(null, null, t.rowsWithoutTokens() + " rows without token counts from the server");
            return new Cost(price.costUsd(t.inputTokens(), cache[0], cache[1], t.outputTokens()),
                    price.costUsd(t.sampleInputTokens(), cache[2], cache[3], t.sampleOutputTokens()), "price: " + price.source());
        }
    }

    public record SignalCoverage(int present, Map<String, Integer> absentReasons) {
        public boolean complete(int rows) {
            return present == rows && rows > 0;
        }
    }

    static SideSummary of(CollectTarget t, List<JsonNode> rows, ModelPrice price) {
        String p = t.name() + "_";
        int n = 0, correct = 0, unparseable = 0, noTokens = 0;
        long in = 0, out = 0, sIn = 0, sOut = 0;
        long[] cache = new long[4];
        double latency = 0;
        Map<String, int[]> present = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> reasons = new LinkedHashMap<>();
        for (Signal s : Signal.values()) {
            present.put(s.column(), new int[1]);
            reasons.put(s.column(), new TreeMap<>());
        }
        for (JsonNode r : rows) {
            if (!r.has(p + "correct")) continue;
            n++;
            if (r.path(p + "correct").asBoolean()) correct++;
            if (r.path(p + "unparseable").asBoolean()) unparseable++;
            JsonNode ti = r.path(p + "input_tokens"), to = r.path(p + "output_tokens");
            if (ti.isNumber() && to.isNumber()) {
                in += ti.asLong();
                out += to.asLong();
            } else {
                noTokens++;
            }
            cache[0] += r.path(p + "cached_input_tokens").asLong(0);
            cache[1] += r.path(p + "cache_write_input_tokens").asLong(0);
            cache[2] += r.path(p + "sample_cached_input_tokens").asLong(0);
            cache[3] += r.path(p + "sample_cache_write_input_tokens").asLong(0);
            sIn += r.path(p + "sample_input_tokens").asLong(0);
            sOut += r.path(p + "sample_output_tokens").asLong(0);
            latency += r.path(p + "latency_ms").asDouble();
            for (Signal s : Signal.values()) {
                if (r.path(p + s.column()).isNumber()) present.get(s.column())[0]++;
                else reasons.get(s.column()).merge(r.path(p + "missing_signals").path(s.column()).asText("not recorded"), 1, Integer::sum);
            }
        }
        Map<String, SignalCoverage> signals = new LinkedHashMap<>();
        present.forEach((k, v) -> signals.put(k, new SignalCoverage(v[0], reasons.get(k))));
        Tokens tokens = new Tokens(in, out, sIn, sOut, noTokens);
        return new SideSummary(t.name(), t.target().model(), Grades.of(n, correct, unparseable), tokens,
                Cost.of(price, tokens, cache, t.target().model()), n == 0 ? Double.NaN : latency / n, signals);
    }
}
