package io.hybench.bench.results;

import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.bench.metrics.RequestTimingUncertainty;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.bench.metrics.StepSummaries;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.metrics.SweepAnalysis;
import io.hybench.core.stats.ConfidenceInterval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sweep table printed after a run: one row per step, then per target the saturation point, the
 * largest load meeting the SLOs and the collapse point, then every self-check warning. Untrusted rows
 * are marked with {@code !}. The timing uncertainty columns are the HTML report's: the step-wide figure,
 * the requests' own P50/P99/max, and how many requests had none where any step has some.
 */
public final class SweepTable {
    private SweepTable() {
    }

    public static String render(RunSummary s) {
        List<String[]> rows = new ArrayList<>();
        boolean without = s.steps().stream().anyMatch(st -> st.requestTimingUncertaintyMs() != null && st.requestTimingUncertaintyMs().requestsWithout() > 0);
        rows.add(new String[] {"", "target", "load", "rep", "requests", "errors", "req/s", "out tok/s (95% CI)", "goodput/s",
                "TTFT P50", "TTFT P99", "TPOT P50", "E2E P99 ms (CI)", "send lag P99", "timing ± TTFT/tokens/E2E", "request ± P50/P99/max",
                without ? "requests without ±" : ""});
        for (StepSummary st : s.steps()) {
            RequestTimingUncertainty request = st.requestTimingUncertaintyMs();
            Percentiles ttft = st.latencyMs().get(Metric.TTFT);
            rows.add(new String[] {st.selfCheck().trusted() ? "" : "!", st.step().target(), load(st.step().mode(), st.step().load()),
                    Integer.toString(st.step().repetition() + 1), Long.toString(st.counts().requests()),
                    StepSummaries.errorsText(st.counts().errors()), num(st.rates().requestsPerSecond()), withCi(st.rates().outputTokensPerSecond(), st.intervals().outputTokensPerSecond()),
                    num(st.rates().goodputPerSecond()), num(ttft.p50Ms()), num(ttft.p99Ms()), num(st.latencyMs().get(Metric.TPOT).p50Ms()),
                    withCi(st.latencyMs().get(Metric.E2E).p99Ms(), st.intervals().e2eP99Ms()), num(st.latencyMs().get(Metric.SEND_LAG).p99Ms()),
                    uncertainty(st.selfCheck().timing()),
                    request == null ? "-" : num(request.p50Ms()) + "/" + num(request.p99Ms()) + "/" + num(request.maxMs()),
                    !without ? "" : request == null ? "-" : Long.toString(request.requestsWithout())});
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "run %s (%s)%n", s.run().runId(), s.run().status().name().toLowerCase(Locale.ROOT)));
        out.append(table(rows));
        out.append("latencies in ms; percentiles of successful requests; timing ±: how far the stamps of each latency may be off,"
                + " request ±: each request's own, over the step's requests (docs/metrics.md, \"Timing uncertainty\")\n");
        if (s.levels().stream().anyMatch(l -> l.steps().size() > 1)) out.append(levels(s.levels()));
        for (SweepAnalysis a : s.sweeps()) {
            out.append(String.format(Locale.ROOT, "%s: saturation %s, largest load meeting SLOs %s, collapse %s%n", a.target(),
                    level(a.saturationLoad(), "not reached"), a.slosGiven() ? level(a.largestLoadMeetingSlos(), "none") : "(no SLOs given)",
                    a.collapseLoad() == null ? "not seen" : level(a.collapseLoad(), "") + " (" + String.join("; ", a.collapseReasons()) + ")"));
        }
        out.append(contextNotes(s.steps()));
        for (StepSummary st : s.steps()) {
            for (String w : st.selfCheck().warnings()) {
                out.append(String.format(Locale.ROOT, "! step %d %s %s: %s%n", st.step().index(), st.step().target(), load(st.step().mode(), st.step().load()), w));
            }
        }
        return out.toString();
    }

    /** "± TTFT/tokens/E2E ms", a part not measured (or not in the file) as "-"; "-" alone when none was. */
    private static String uncertainty(SelfCheck.Timing t) {
        if (Double.isNaN(t.largestMs())) return "-";
        return "± " + part(t.ttftUncertaintyMs()) + "/" + part(t.uncertaintyMs()) + "/" + part(t.e2eUncertaintyMs()) + " ms";
    }

    private static String part(Double ms) {
        return ms == null || !Double.isFinite(ms) ? "-" : String.format(Locale.ROOT, "%.2f", ms);
    }

    /** Tokens per joule where GPU power was sampled; otherwise once per reason, what was not sampled and why. */
    private static String contextNotes(List<StepSummary> steps) {
        StringBuilder b = new StringBuilder();
        Set<String> seen = new LinkedHashSet<>();
        for (StepSummary st : steps) {
            if (Double.isFinite(st.context().outputTokensPerJoule())) {
                b.append(String.format(Locale.ROOT, "step %d %s %s: %s output tokens per joule%n", st.step().index(), st.step().target(),
                        load(st.step().mode(), st.step().load()), num(st.context().outputTokensPerJoule())));
            }
            if (st.context().gpu() != null && st.context().gpu().notSampledReason() != null) seen.add("GPU not sampled: " + st.context().gpu().notSampledReason());
            if (st.context().serverContext() != null && st.context().serverContext().notSampledReason() != null) {
                seen.add(st.step().target() + ": server state not sampled: " + st.context().serverContext().notSampledReason());
            }
        }
        seen.forEach(n -> b.append(n).append('\n'));
        return b.toString();
    }

    /** Per load level over its repetitions: rates are means with t intervals, latencies from merged histograms. */
    private static String levels(List<LevelSummary> levels) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "target", "load", "reps", "requests", "error rate", "req/s (CI)", "out tok/s (CI)", "goodput/s (CI)",
                "TTFT P99", "E2E P99"});
        for (LevelSummary l : levels) {
            rows.add(new String[] {l.trusted() ? "" : "!", l.target(), load(l.mode(), l.load()), Integer.toString(l.steps().size()),
                    Long.toString(l.outcome().requests()), num(l.outcome().errorRate()), withCi(l.throughput().requestsPerSecond().estimate(), l.throughput().requestsPerSecond()),
                    withCi(l.throughput().outputTokensPerSecond().estimate(), l.throughput().outputTokensPerSecond()),
                    withCi(l.throughput().goodputPerSecond().estimate(), l.throughput().goodputPerSecond()), num(l.latencyMs().get(Metric.TTFT).p99Ms()),
                    num(l.latencyMs().get(Metric.E2E).p99Ms())});
        }
        return "per load level, repetitions combined:\n" + table(rows);
    }

    private static String load(String mode, double load) {
        return ("closed".equals(mode) ? "users=" : "trace".equals(mode) ? "factor=" : "rate=") + level(load, "");
    }

    private static String level(Double v, String none) {
        if (v == null) return none;
        return v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "-";
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String withCi(double estimate, ConfidenceInterval ci) {
        if (Double.isNaN(ci.lower())) return num(estimate);
        return num(estimate) + " (" + num(ci.lower()) + "-" + num(ci.upper()) + ")";
    }

    private static String table(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) line.append("  ");
                line.append(i <= 1 ? pad(r[i], width[i], false) : pad(r[i], width[i], true));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(w - s.length());
        return right ? fill + s : s + fill;
    }
}
