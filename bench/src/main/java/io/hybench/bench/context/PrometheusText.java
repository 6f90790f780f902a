package io.hybench.bench.context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition ({@code name{labels} value [timestamp]}), by metric name;
 * each label set is one sample. Comments and unparseable values are skipped.
 */
final class PrometheusText {
    private final Map<String, List<Double>> samples;

    private PrometheusText(Map<String, List<Double>> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        Map<String, List<Double>> out = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (space < 0) continue;
            String name;
            String rest;
            if (brace >= 0 && brace < space) {
                int close = line.lastIndexOf('}');
                if (close < brace) continue;
                name = line.substring(0, brace);
                rest = line.substring(close + 1).strip();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).strip();
            }
            String value = rest.split("\\s+")[0];
            try {
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                // e.g. a value this parser does not know; the metric is then missing, not 0
            }
        }
        return new PrometheusText(out);
    }

    /** Sum over label sets, or null when the metric is absent. */
    Double sum(String name) {
        List<Double> v = samples.get(name);
        return v == null || v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Mean over label sets, or null when the metric is absent. */
    Double mean(String name) {
        List<Double> v = samples.get(name);
        return v == null || v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
