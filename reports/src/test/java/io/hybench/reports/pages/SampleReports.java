package io.hybench.reports.pages;

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
