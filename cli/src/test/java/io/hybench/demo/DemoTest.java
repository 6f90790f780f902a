package io.hybench.demo;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridSummary;
import io.hybench.calibrate.hybrid.Role;
import io.hybench.cli.Hybench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job, shortened: one user per bench step, 2.5 s steps, the whole pipeline. */
class DemoTest {

    @Test
    void benchCollectCalibrateAndCostEachLeaveAFolderWithItsReport(@TempDir Path out) throws Exception {
        CommandLine cl = Hybench.commandLine();
        StringWriter o = new StringWriter(), e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int rc = cl.execute("demo", "--out", out.toString(), "--users", "1", "--warmup", "300ms", "--duration", "2500ms",
                "--seed", "7", "--questions", "60", "--hybrid-users", "1,4", "--hybrid-duration", "3s", "--no-progress");
        assertEquals(0, rc, o + "\n" + e);

        Path bench = out.resolve("bench");
        RunSummary s = ResultReader.load(bench).summary();
        assertEquals(RunSummary.Status.COMPLETE, s.run().status());
        assertEquals(DemoTarget.DEFAULT.size(), s.steps().size());
        for (StepSummary step : s.steps()) {
            assertTrue(step.counts().succeeded() >= 1, step.step().target() + " at " + step.step().load() + " completed no request");
        }
        List<RequestLine> lines = ResultReader.requests(bench);
        Set<ApiKind> protocols = lines.stream().filter(l -> l.record().succeeded()).map(l -> l.record().to().api()).collect(Collectors.toSet());
        assertEquals(Set.of(ApiKind.OLLAMA, ApiKind.OPENAI, ApiKind.ANTHROPIC), protocols);
        // The vLLM-like target honours ignore_eos/min_tokens, so its outputs have exactly the 64 tokens asked for.
        lines.stream().filter(l -> l.record().to().target().startsWith("vllm") && l.record().succeeded()).forEach(l -> {
            assertTrue(l.record().tokens().outputLengthForced());
            assertEquals(64, l.record().tokens().outputTokens());
        });

        List<String> labeled = Files.readAllLines(out.resolve("collect/labeled.jsonl"));
        assertEquals(60, labeled.size(), "every question asked was answered by both sides");
        assertTrue(Files.isRegularFile(out.resolve("calibration/router-spec.json")));
        assertTrue(Files.isRegularFile(out.resolve("cost/cost.json")));
        // The hybrid step: one bench user met the SLOs (or none did), so the Ollama-like router admits one local request and
        // four users spill; the vLLM-like router has no limit and never spills.
        HybridSummary overOllama = HybridAnalysis.read(out.resolve("hybrid-ollama-8b-q4-emulated/bench"));
        HybridSummary overVllm = HybridAnalysis.read(out.resolve("hybrid-vllm-8b-a100-emulated/bench"));
        assertTrue(overOllama.parts().emulated() && overOllama.prediction() != null && !overOllama.checks().isEmpty());
        assertTrue(spilled(overOllama, 4) > 0, "four users over a local limit of one spill: " + overOllama.levels());
        assertEquals(0, spilled(overVllm, 1) + spilled(overVllm, 4), "no limit, no spill-over");
        for (String dir : List.of("bench", "calibration", "cost", "hybrid-ollama-8b-q4-emulated/bench", "hybrid-vllm-8b-a100-emulated/bench")) {
            String html = Files.readString(out.resolve(dir).resolve("report.html"));
            assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("emulat"), dir + " report labels its emulated source");
        }
        assertTrue(Files.readString(out.resolve("calibration/report.html")).contains("local ran on the hybench emulator, profile "),
                "the calibration page names the emulated collect targets, carried from the collect provenance");
        assertTrue(Files.readString(bench.resolve("command.txt")).contains("hybench demo"), "the bench folder says the demo made it");
        assertTrue(Files.readString(out.resolve("hybrid-ollama-8b-q4-emulated/bench/report.html")).contains(">Hybrid<"));
    }

    /** Spilled requests of the routed target at {@code users}; fails where that level measured nothing. */
    private static long spilled(HybridSummary s, double users) {
        return s.levels().stream().filter(l -> l.at().role() == Role.HYBRID && l.at().load() == users).findFirst()
                .orElseThrow(() -> new AssertionError("no measured level of " + s.parts().routed() + " at " + users + " users: " + s.levels()))
                .shares().spillRate().count();
    }
}
