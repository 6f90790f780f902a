package io.hybench.demo;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoTest {

    @Test
    void sweepsEveryEmulatedDeploymentThroughItsOwnProtocol(@TempDir Path out) throws Exception {
        var settings = new Demo.Settings(out, List.of(1), 300_000_000L, 2_500_000_000L, 7);
        var result = Demo.run(settings, "test", false, new PrintWriter(new StringWriter()));

        RunSummary s = ResultReader.load(result.folder().dir()).summary();
        assertEquals(RunSummary.Status.COMPLETE, s.status());
        assertEquals(DemoTarget.DEFAULT.size(), s.steps().size());
        for (StepSummary step : s.steps()) {
            assertTrue(step.succeeded() >= 1, step.target() + " at " + step.load() + " completed no request");
        }
        String resolved = ResultReader.load(result.folder().dir()).workloadYaml();
        for (DemoTarget d : DemoTarget.DEFAULT) {
            assertTrue(resolved.contains("emulatorProfile: \"" + d.profile() + "\"") || resolved.contains("emulatorProfile: " + d.profile()),
                    "the result folder says " + d.name() + " was emulated:\n" + resolved);
        }
        List<RequestLine> lines = ResultReader.requests(result.folder().dir());
        Set<ApiKind> protocols = lines.stream().filter(l -> l.record().succeeded()).map(l -> l.record().api()).collect(Collectors.toSet());
        assertEquals(Set.of(ApiKind.OLLAMA, ApiKind.OPENAI, ApiKind.ANTHROPIC), protocols);
        // The vLLM-like target honours ignore_eos/min_tokens, so its outputs have exactly the 64 tokens asked for.
        lines.stream().filter(l -> l.record().target().startsWith("vllm") && l.record().succeeded()).forEach(l -> {
            assertTrue(l.record().outputLengthForced());
            assertEquals(64, l.record().outputTokens());
        });
    }
}
