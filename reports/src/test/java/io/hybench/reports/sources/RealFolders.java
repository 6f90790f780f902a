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
import io.hybench.bench.metrics.CollapseCriteria;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.TrustLimits;
import io.hybench.bench.results.EnvInfo;
import io.hybench.cli.Hybench;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.EmulatorProfile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Output folders made by the real code paths: a bench run against the emulator over loopback HTTP,
 * and a calibration through the {@code hybench calibrate} command on a seeded data set. Small, so
 * each takes a second or two.
 */
final class RealFolders {
    static final EnvInfo ENV = EnvInfo.capture("test-version");

    private RealFolders() {
    }

    /** A closed-loop sweep of users 1, 2, 4 with 24 measured requests per step against one emulated target. */
    static LoadRunner.Result benchRun(Path results, String runId, EmulatorProfile profile) throws InterruptedException {
        try (Emulator emulator = Emulator.start(profile, 0, 3)) {
            Target target = new Target("emu", ApiKind.OPENAI, ServerFlavor.VLLM, emulator.baseUrl(), profile.model(), null, profile.name());
            Workload w = new Workload("report-test", 11, List.of(target), new RequestOptions(true, false, null),
                    new PromptSpec.Synthetic(new Distribution.Fixed(32), new Distribution.Fixed(8)),
                    new LoadSpec.ClosedLoop(List.of(1, 2, 4), new Distribution.Fixed(0)),
                    new RunLimits(0, null, 24, 10_000_000_000L, 1), new Slo(null, null, 5000.0, 0.9),
                    CollapseCriteria.defaults(), TrustLimits.defaults(), new ConfidenceSpec(200, 0.95));
            return new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), RunListener.NONE).run(results, runId, ENV);
        }
    }

    /**
     * Runs {@code hybench calibrate} on 400 seeded rows whose confidence is the local model's chance of
     * being right (so the score is calibrated), and returns the output folder.
     */
    static Path calibration(Path dir) throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("id,conf,local_ok,cloud_ok\n");
        for (int i = 0; i < 400; i++) {
            double conf = random.nextDouble();
            csv.append(String.format(Locale.ROOT, "q%d,%.4f,%b,%b%n", i, conf, random.nextDouble() < conf, random.nextDouble() < 0.9));
        }
        Path data = Files.writeString(dir.resolve("labeled.csv"), csv);
        Path out = dir.resolve("cal");
        StringWriter text = new StringWriter();
        var cl = Hybench.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        int code = cl.execute("calibrate", "--data", data.toString(), "--id-column", "id", "--score-column", "conf",
                "--local-correct", "local_ok", "--cloud-correct", "cloud_ok", "--local-model", "small", "--cloud-model", "gpt-4o",
                "--target-pgr", "0.8", "--resamples", "100", "--out", out.toString());
        if (code != 0) throw new IllegalStateException("calibrate failed (" + code + "):\n" + text);
        return out;
    }
}
