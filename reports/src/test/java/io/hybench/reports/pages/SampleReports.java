package io.hybench.reports.pages;

import io.hybench.bench.metrics.RequestTimingUncertainty;
import io.hybench.reports.hdr.PercentileSpectrum;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Provenance;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Synthetic page models for tests and sample reports. Load behaviour follows a closed-loop queue
 * with a fixed number of server slots (throughput min(N, slots)/service time, latency grows with
 * N/slots past saturation); distributions are seeded lognormal samples in real HdrHistograms.
 * Names and texts include hostile strings so every page exercises escaping.
 */
public final class SampleReports {
    /** A target name that would run script if it reached the HTML unescaped. */
    public static final String HOSTILE_TARGET = "vllm\"><script>alert('x')</script><img src=x onerror=alert(1)>";
    public static final String HOSTILE_TEXT = "prompt </pre><b>bold</b> & \u0007bell \uD800 end";
    static final Instant WRITTEN = Instant.parse("2026-03-01T12:00:00Z");

    private SampleReports() {
    }

    public static Provenance provenance(boolean emulated, String command) {
        return new Provenance("0.1.0-SNAPSHOT", command,
                List.of(new Fact("JVM", "Temurin 25"), new Fact("OS", "Linux 6.8 amd64"), new Fact("CPU", "2 cores"),
                        new Fact("Target versions", "ollama 0.12.3; " + HOSTILE_TARGET + " 0.11.0")),
                emulated ? List.of(new EmulatedTarget("ollama-like", "ollama-4-slots")) : List.of(), WRITTEN);
    }

    public static BenchmarkReportData benchmark() {
        return benchmark("run-2026-03-01", 1.0, 7);
    }

    /** A run whose server is {@code speedup} times faster than the baseline; the seed varies the noise. */
    public static BenchmarkReportData benchmark(String runId, double speedup, long seed) {
        Random random = new Random(seed);
        return new BenchmarkReportData(runId, provenance(true, "hybench bench --workload demo.yaml --seed " + seed),
                List.of(new Fact("Mode", "closed loop, users 1..64"), new Fact("Prompts", "synthetic, 256 tokens in, 128 out"),
                        new Fact("SLOs", "TTFT P99 < 2000 ms, TPOT P99 < 100 ms"), new Fact("Sample prompt", HOSTILE_TEXT)),
                "concurrent users", true,
                List.of(target("ollama-like", 4, 0.04 / speedup, random), target(HOSTILE_TARGET, 16, 0.02 / speedup, random)));
    }

    private static TargetResult target(String name, int slots, double itlSeconds, Random random) {
        int[] users = {1, 2, 4, 8, 16, 32, 64};
        List<SweepStep> steps = new ArrayList<>();
        double serviceSeconds = 0.15 + 128 * itlSeconds;
        for (int n : users) {
            double queueFactor = Math.max(1, (double) n / slots);
            double rps = Math.min(n, slots) / serviceSeconds * (1 + 0.01 * random.nextGaussian());
            boolean collapsing = n >= 8 * slots;
            long failed = collapsing ? 40 : 0;
            long ok = Math.round(rps * 60);
            double ttft = 150 * queueFactor * queueFactor;
            double e2e = serviceSeconds * 1000 * queueFactor;
            Map<LatencyMetric, LatencyPercentiles> latency = new EnumMap<>(LatencyMetric.class);
            latency.put(LatencyMetric.TTFT, spread(ttft, random));
            latency.put(LatencyMetric.ITL, spread(itlSeconds * 1000, random));
            latency.put(LatencyMetric.E2E, spread(e2e, random));
            steps.add(new SweepStep(n, interval(rps, 0.02), interval(rps * 128, 0.02),
                    interval(ttft * 3 < 2000 ? rps : 0, 0.02), ok, failed, latency,
                    new SweepStep.Timing(0.3 + n / 80.0, 0.2 + n / 100.0, 0.25 + n / 90.0), requestTiming(n, ok + failed),
                    n == 64 ? List.of("Little's law off by 18%: throughput x mean latency = 52.4, mean in-flight = 64.0.") : List.of()));
        }
        LoadPoints points = new LoadPoints(Optional.of(new LoadPoint(slots, "throughput +2% from " + slots + " to " + 2 * slots)),
                Optional.of(new LoadPoint(Math.min(64, slots), "last step with P99 TTFT < 2000 ms")),
                slots * 8 <= 64 ? Optional.of(new LoadPoint(slots * 8, "errors rose to 5%")) : Optional.empty());
        Map<LatencyMetric, PercentileSpectrum> distributions = new EnumMap<>(LatencyMetric.class);
        distributions.put(LatencyMetric.TTFT, PercentileSpectrum.fromNanos(lognormal(150e6 * slots / 4.0, 0.8, random)));
        distributions.put(LatencyMetric.ITL, PercentileSpectrum.fromNanos(lognormal(itlSeconds * 1e9, 0.3, random)));
        double[] seconds = new double[120];
        double[] tokens = new double[120];
        double[] inFlight = new double[120];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = i;
            int n = users[Math.min(users.length - 1, i / 17)];
            tokens[i] = Math.min(n, slots) / serviceSeconds * 128 * (1 + 0.05 * random.nextGaussian());
            inFlight[i] = i == 60 ? Double.NaN : n;
        }
        return new TargetResult(name, steps, points, distributions,
                List.of(new TimeSeries("output tokens/s", seconds, tokens), new TimeSeries("in-flight requests", seconds, inFlight)));
    }

    /**
     * The requests' own ± of a step: none measured at 1 user (it says so in place), some requests without one at 64 users
     * (a column for them appears).
     */
    private static RequestTimingUncertainty requestTiming(int users, long requests) {
        if (users == 1) return new RequestTimingUncertainty(0, requests, Double.NaN, Double.NaN, Double.NaN);
        long without = users == 64 ? 3 : 0;
        return new RequestTimingUncertainty(requests - without, without, 0.1 + users / 200.0, 0.3 + users / 50.0, 0.5 + users / 25.0);
    }

    /** A calibration over a synthetic score: accuracy rises and cost falls as the threshold lowers. */
    public static CalibrationReportData calibration() {
        List<CalibrationReportData.CurvePoint> curve = new ArrayList<>();
        for (int i = 0; i <= 50; i++) {
            double t = i / 50.0;
            double shareLocal = 1 - t;
            double accuracy = 0.68 + 0.13 * (1 - Math.pow(shareLocal, 3));
            curve.add(new CalibrationReportData.CurvePoint(t, shareLocal, accuracy, 0.4 + 9.6 * t));
        }
        List<CalibrationReportData.CostAccuracy> frontier = curve.stream().map(c -> new CalibrationReportData.CostAccuracy(c.cost(), c.accuracy())).toList();
        List<CalibrationReportData.CostAccuracy> hull = List.of(frontier.getFirst(), frontier.get(20), frontier.getLast());
        List<CalibrationReportData.ReliabilityBin> bins = new ArrayList<>();
        for (int b = 0; b < 10; b++) bins.add(new CalibrationReportData.ReliabilityBin(0.05 + b * 0.1, Math.min(1, 0.1 + b * 0.095), 1000 + b));
        return new CalibrationReportData(provenance(false, "hybench calibrate --dataset ../shared/datasets/routellm-mmlu --out cal"),
                List.of(new Fact("Dataset", "routellm-mmlu, 14037 rows after decontamination"), new Fact("Policy", "cascade"),
                        new Fact("Split", "50% calibration / 50% held out, seed 1")),
                new CalibrationReportData.Curves("cost per 1k queries (USD)", curve, frontier, hull),
                List.of(new CalibrationReportData.ReferenceRouter("local only", 0.68, 0.4, 1), new CalibrationReportData.ReferenceRouter("cloud only", 0.81, 10, 0),
                        new CalibrationReportData.ReferenceRouter("random", 0.745, 5.2, 0.5), new CalibrationReportData.ReferenceRouter("oracle", 0.87, 2.3, 0.8)),
                List.of(new CalibrationReportData.OperatingPoint("cheapest with accuracy >= 0.78", "naive", 0.42, new Estimate(0.781, 0.772, 0.790),
                                new Estimate(4.4, 4.1, 4.7), new Estimate(0.58, 0.56, 0.60)),
                        new CalibrationReportData.OperatingPoint("cheapest with accuracy >= 0.78", "risk-controlled, delta 0.1", 0.5, new Estimate(0.792, 0.784, 0.800),
                                new Estimate(5.2, 4.9, 5.5), new Estimate(0.5, 0.48, 0.52))),
                new CalibrationReportData.ScoreQuality(0.71, 0.043, 0.19, bins),
                List.of(new CalibrationReportData.ExportedFile("router-spec.json", "router spec", "{\"policy\": \"cascade\", \"threshold\": 0.42, \"note\": \"" + HOSTILE_TEXT + "\"}"),
                        new CalibrationReportData.ExportedFile("config.yaml", "LiteLLM proxy", "model_list:\n  - model_name: local\n    litellm_params:\n      model: ollama/llama3\n      api_key: os.environ/OLLAMA_KEY\n</code></pre><script>alert(1)</script>\n")));
    }

    /** Cost per month: a fixed-cost local server against per-token API pricing, break-even where they cross. */
    public static CostReportData cost() {
        double[] volume = new double[25];
        double[] local = new double[25];
        double[] api = new double[25];
        double[] hybrid = new double[25];
        for (int i = 0; i < volume.length; i++) {
            volume[i] = Math.pow(10, 6 + i * 0.25);
            local[i] = 2200 + volume[i] / 1e6 * 0.02;
            api[i] = volume[i] / 1e6 * 0.2;
            hybrid[i] = 2200 * 0.9 + 0.15 * api[i];
        }
        double breakEven = 2200 / (0.2 - 0.02) * 1e6;
        return new CostReportData(provenance(false, "hybench cost --bench results/run-2026-03-01 --prices prices.yaml"), "USD",
                List.of(new Fact("Hardware", "1x RTX 4090 workstation, 2,400 USD over 24 months"), new Fact("Measured goodput at SLO", "767 tokens/s"),
                        new Fact("API price", "0.20 USD per 1M tokens (example price file, dated 2026-03-01)")),
                List.of(new CostReportData.Formula("self-hosted cost per 1M tokens", "monthly fixed / (goodput x seconds per month x utilisation) x 1e6", "1.36 USD"),
                        new CostReportData.Formula("break-even volume", "monthly fixed / (API price - marginal local price)", "12.2G tokens/month")),
                List.of(new CostReportData.CostLine("self-hosted", volume, local), new CostReportData.CostLine("API", volume, api),
                        new CostReportData.CostLine("hybrid (85% local)", volume, hybrid)),
                java.util.OptionalDouble.of(breakEven));
    }

    /** Two runs of the same workload, the second with a 25% faster server. */
    public static ComparisonReportData comparison() {
        return new ComparisonReportData(provenance(true, "hybench report --in results/before results/after --out compare.html"),
                "before", benchmark("before", 1.0, 7), "after upgrade", benchmark("after", 1.25, 8));
    }

    private static LatencyPercentiles spread(double p50, Random random) {
        double noise = 1 + 0.02 * random.nextGaussian();
        return new LatencyPercentiles(interval(p50 * noise, 0.03), interval(p50 * 1.6, 0.04), interval(p50 * 1.9, 0.05),
                interval(p50 * 2.7 * noise, 0.08), interval(p50 * 4, 0.15), p50 * 5);
    }

    private static Estimate interval(double value, double relativeHalfWidth) {
        return new Estimate(value, value * (1 - relativeHalfWidth), value * (1 + relativeHalfWidth));
    }

    private static Histogram lognormal(double medianNanos, double sigma, Random random) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < 20_000; i++) h.recordValue(Math.round(medianNanos * Math.exp(sigma * random.nextGaussian())));
        return h;
    }
}
