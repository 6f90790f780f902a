package io.hybench.demo;

import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.Target;
import io.hybench.bench.emulator.Emulator;
import io.hybench.bench.emulator.profile.ProfileLoader;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.ProgressBarListener;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RequestOptions;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.CollapseCriteria;
import io.hybench.bench.metrics.ConfidenceSpec;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.TrustLimits;
import io.hybench.bench.results.EnvInfo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole pipeline on one machine with no server and no key: starts the serving emulator with
 * several profiles on loopback, runs one closed-loop sweep against each through its own protocol,
 * and leaves a result folder that every other command reads.
 */
public final class Demo {
    /** Settings a user may change; everything else is the demo's fixed, documented workload. */
    public record Settings(Path out, List<Integer> users, long warmupNanos, long durationNanos, long seed) {
    }

    private Demo() {
    }

    /** The workload: fixed 256-token prompts, exactly 64 output tokens where the server allows, SLOs of a chat product. */
    static Workload workload(Settings s, List<Target> targets) {
        return new Workload("demo", s.seed(), targets, new RequestOptions(true, true, 0.0),
                new PromptSpec.Synthetic(new Distribution.Fixed(256), new Distribution.Fixed(64)),
                new LoadSpec.ClosedLoop(s.users(), new Distribution.Fixed(0)),
                new RunLimits(s.warmupNanos(), s.durationNanos(), null, 60_000_000_000L, 1),
                new Slo(2000.0, 100.0, null, 0.99), CollapseCriteria.defaults(), TrustLimits.defaults(), ConfidenceSpec.defaults());
    }

    /**
     * Example economics for the vLLM-like target: an A100-40GB PCIe (250 W board power) rented at
     * $1.50/h plus $300/month operations, 50 W idle, $0.15/kWh, against gpt-4o-mini from the example
     * price file. Stated inputs, printed with the result; {@code hybench cost} takes your own.
     */
    public static final List<String> COST_EXAMPLE = List.of("--target", "vllm-8b-a100-emulated", "--prices", "docs/prices.example.yaml",
            "--api-model", "gpt-4o-mini", "--rent-usd-per-hour", "1.5", "--ops-usd-per-month", "300", "--power-watts", "250",
            "--idle-watts", "50", "--usd-per-kwh", "0.15");

    /** Runs the sweep against freshly started emulators and returns the bench result. */
    public static LoadRunner.Result run(Settings s, String projectVersion, boolean progress, PrintWriter out) throws InterruptedException {
        List<Emulator> emulators = new ArrayList<>();
        try {
            List<Target> targets = new ArrayList<>();
            for (DemoTarget d : DemoTarget.DEFAULT) {
                Emulator e = Emulator.start(ProfileLoader.load(d.profile()), 0, s.seed());
                emulators.add(e);
                targets.add(new Target(d.name(), d.api(), d.flavor(), e.baseUrl(), e.profile().model(), null, d.profile()));
                out.printf("emulating %-38s %s (%s protocol)%n", d.profile(), e.baseUrl(), d.api().name().toLowerCase(java.util.Locale.ROOT));
            }
            out.flush();
            Workload w = workload(s, targets);
            try (ProgressBarListener bar = progress ? ProgressBarListener.forWorkload(w) : null) {
                return new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), bar == null ? RunListener.NONE : bar)
                        .run(s.out(), "bench", EnvInfo.capture(projectVersion));
            }
        } finally {
            emulators.forEach(Emulator::close);
        }
    }
}
