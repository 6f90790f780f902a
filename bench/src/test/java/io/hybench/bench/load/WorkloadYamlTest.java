package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.core.time.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadYamlTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "workloads");

    private static final String MINIMAL = """
            name: t
            seed: 1
            targets:
              - {name: a, api: openai, url: "http://127.0.0.1:8000", model: m}
            prompts:
              synthetic: {inputTokens: 100, outputTokens: 50}
            load: {mode: closed, users: [1, 2]}
            run: {duration: 10s}
            """;

    private static Workload parse(String yaml) {
        return WorkloadYaml.parse(yaml, "w.yaml", Path.of("."));
    }

    private static String error(String yaml) {
        return assertThrows(WorkloadException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void shippedExamplesParse() {
        Workload closed = WorkloadYaml.read(EXAMPLES.resolve("chat-sweep.yaml"));
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0), closed.load().levels());
        assertEquals(ServerFlavor.VLLM, closed.targets().get(1).flavor());
        assertEquals(ServerFlavor.OLLAMA, closed.targets().get(0).flavor(), "ollama api implies the ollama flavor");
        Workload open = WorkloadYaml.read(EXAMPLES.resolve("poisson-rates.yaml"));
        LoadSpec.OpenLoop o = assertInstanceOf(LoadSpec.OpenLoop.class, open.load());
        assertEquals(64, o.maxInFlight());
        PromptSpec.File f = assertInstanceOf(PromptSpec.File.class, open.prompts());
        assertTrue(f.path().isAbsolute(), "prompt path resolved against the workload's folder");
        assertEquals(PromptSpec.PromptFileFormat.JSONL, f.format());
    }

    @Test
    void defaultsAreFilledIn() {
        Workload w = parse(MINIMAL);
        assertTrue(w.request().chat());
        assertEquals(5_000_000_000L, w.run().warmupNanos());
        assertEquals(ApiKind.OPENAI, w.targets().get(0).api());
        assertEquals(ServerFlavor.GENERIC, w.targets().get(0).flavor());
        assertEquals(new Distribution.Fixed(0), ((LoadSpec.ClosedLoop) w.load()).thinkTimeMs());
    }

    @Test
    void resolvedYamlReadsBackToTheSameWorkload() {
        Workload w = WorkloadYaml.read(EXAMPLES.resolve("chat-sweep.yaml"));
        assertEquals(w, parse(WorkloadYaml.write(w)));
        Workload open = WorkloadYaml.read(EXAMPLES.resolve("poisson-rates.yaml"));
        assertEquals(open, parse(WorkloadYaml.write(open)));
    }

    @Test
    void emulatorProfileMarksATargetEmulatedAndRoundTrips() {
        Workload w = parse(MINIMAL.replace("model: m}", "model: m, emulatorProfile: llama3.1-8b-a100-vllm}"));
        assertEquals("llama3.1-8b-a100-vllm", w.targets().get(0).emulatorProfile());
        assertTrue(w.targets().get(0).emulated());
        assertEquals(w, parse(WorkloadYaml.write(w)));
        assertEquals(null, parse(MINIMAL).targets().get(0).emulatorProfile(), "a target is a real server unless marked");
        assertTrue(error(MINIMAL.replace("model: m}", "model: m, emulatorProfile: ' '}")).contains("emulatorProfile"));
    }

    @Test
    void missingSeedIsChosenAndWrittenDown() {
        Workload w = parse(MINIMAL.replace("seed: 1\n", ""));
        assertTrue(WorkloadYaml.write(w).contains("seed: " + w.seed()));
    }

    @Test
    void errorsNameTheFileAndField() {
        assertEquals("w.yaml: load.users[1]: users must be >= 1, was 0", error(MINIMAL.replace("users: [1, 2]", "users: [1, 0]")));
        assertEquals("w.yaml: targets[0].url: missing (required)", error(MINIMAL.replace("url: \"http://127.0.0.1:8000\", ", "")));
        assertTrue(error(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10}"))
                .startsWith("w.yaml: run.duration: expected a duration like 500ms"));
        assertTrue(error(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10s, requests: 5}"))
                .startsWith("w.yaml: run: give exactly one of duration and requests"));
        assertTrue(error(MINIMAL.replace("load: {mode: closed", "load: {mode: closed, usres: [3]"))
                .startsWith("w.yaml: load.usres: unknown field (allowed: mode, users, thinkTimeMs)"));
        assertTrue(error(MINIMAL.replace("api: openai", "api: gemini"))
                .startsWith("w.yaml: targets[0].api: expected one of ollama, openai, anthropic, was 'gemini'"));
        assertTrue(error(MINIMAL.replace("inputTokens: 100", "inputTokens: {distribution: zipf, mean: 3}"))
                .startsWith("w.yaml: prompts.synthetic.inputTokens.distribution: expected one of fixed, uniform"));
        assertEquals("w.yaml: prompts.synthetic.outputTokens: need 0 <= min <= max, was min=10 max=5",
                error(MINIMAL.replace("outputTokens: 50", "outputTokens: {distribution: uniform, min: 10, max: 5}")));
        assertTrue(error(MINIMAL.replace("url: \"http://127.0.0.1:8000\"", "url: \"ftp://x\""))
                .startsWith("w.yaml: targets[0].url: expected an http(s) URL"));
        assertTrue(error(MINIMAL + "slo: {e2eMs: -1}\n").startsWith("w.yaml: slo: e2eMs must be > 0"));
        assertTrue(error(MINIMAL.replace("name: t", "name: \"a b\"")).startsWith("w.yaml: (top level): name must match"));
        assertTrue(error("name: [\n").startsWith("w.yaml: not valid YAML"));
    }

    @Test
    void duplicateTargetNamesAreRejected() {
        String two = MINIMAL.replace("targets:\n", "targets:\n  - {name: a, api: ollama, url: \"http://h:1\", model: m}\n");
        assertTrue(error(two).contains("duplicate target name 'a'"));
    }

    @Test
    void promptFileMustExist(@TempDir Path dir) throws Exception {
        String yaml = MINIMAL.replace("synthetic: {inputTokens: 100, outputTokens: 50}", "file: {path: nope.jsonl}");
        String msg = assertThrows(WorkloadException.class, () -> WorkloadYaml.parse(yaml, "w.yaml", dir)).getMessage();
        assertTrue(msg.startsWith("w.yaml: prompts.file.path: no such prompt file"), msg);
        Files.writeString(dir.resolve("p.txt"), "x");
        String txt = yaml.replace("nope.jsonl", "p.txt");
        assertTrue(assertThrows(WorkloadException.class, () -> WorkloadYaml.parse(txt, "w.yaml", dir)).getMessage()
                .contains("cannot tell the format"));
    }

    @Test
    void durationsRoundTrip() {
        for (String d : List.of("0s", "250ms", "1500ms", "30s", "2m", "90s", "1h")) {
            assertEquals(d, Durations.format(Durations.parseNanos(d)));
        }
    }
}
