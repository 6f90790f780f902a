package io.hybench.calibrate.collect.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.cost.ModelPrice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One target's totals over every row of the output (resumed rows included).
 *
 * @param costUsd   USD for the graded requests, null when the model has no price or a row lacks token counts
 * @param costNote  why {@code costUsd} is null, else the price's source
 * @param signals   per signal: rows that have it, and the reasons given where it is absent
 */
public record SideSummary(String target, String model, int rows, int correct, int unparseable, double accuracy,
                          long inputTokens, long outputTokens, long sampleInputTokens, long sampleOutputTokens,
                          int rowsWithoutTokens, Double costUsd, Double sampleCostUsd, String costNote, double meanLatencyMs,
                          Map<String, SignalCoverage> signals) {

    public record SignalCoverage(int present, Map<String, Integer> absentReasons) {
        public boolean complete(int rows) {
            return present == rows && rows > 0;
        }
    }

    static SideSummary of(CollectTarget t, List<JsonNode> rows, ModelPrice price) {
        String p = t.name() + "_";
        int n = 0, correct = 0, unparseable = 0, noTokens = 0;
        long in = 0, out = 0, sIn = 0, sOut = 0;
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
        Double cost = null, sampleCost = null;
        String note;
        if (price == null) {
            note = "no price for model '" + t.target().model() + "' (no price file, or the model is not in it)";
        } else if (noTokens > 0) {
            note = noTokens + " rows without token counts from the server";
        } else {
            cost = price.costUsd(in, out);
            sampleCost = price.costUsd(sIn, sOut);
            note = "price: " + price.source();
        }
        return new SideSummary(t.name(), t.target().model(), n, correct, unparseable, n == 0 ? Double.NaN : (double) correct / n,
                in, out, sIn, sOut, noTokens, cost, sampleCost, note, n == 0 ? Double.NaN : latency / n, signals);
    }
}
