package io.hybench.reports.sources;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RequestOptions;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.EmulatorProfile;

import java.nio.file.Path;
import java.util.List;

/**
 * Output folders made by the real code paths: a bench run against the emulator over loopback HTTP.
 * Small, so it takes a second or two.
 */
final class RealFolders {
    static final EnvInfo ENV = EnvInfo.capture("test-version");

    private RealFolders() {
    }

    /** A closed-loop sweep of users 1, 2, 4 with 24 measured requests per step against one emulated target. */
    static LoadRunner.Result benchRun(Path results, String runId, EmulatorProfile profile) throws InterruptedException {
        try (Emulator emulator = Emulator.start(profile, 0, 3)) {
            Target target = new Target("emu", ApiKind.OPENAI, ServerFlavor.VLLM, emulator.baseUrl(), profile.model(), null, profile.name());
            Workload w = new Workload("report-test", 11, List.of(target),
                    new Workload.Traffic(new RequestOptions(true, false, null), new PromptSpec.Synthetic(new Distribution.Fixed(32), new Distribution.Fixed(8))),
                    new Workload.Shape(new LoadSpec.ClosedLoop(List.of(1, 2, 4), new Distribution.Fixed(0)), new RunLimits(0, null, 24, 10_000_000_000L, 1)),
                    Workload.Checks.of(new Slo(null, null, 5000.0, 0.9), new ConfidenceSpec(200, 0.95)));
            return new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), RunListener.NONE).run(results, runId, ENV);
        }
    }
}
