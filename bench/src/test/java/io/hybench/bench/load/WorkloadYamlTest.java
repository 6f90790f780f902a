package io.hybench.bench.load;

import io.hybench.bench.metrics.OverSaturation;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.core.time.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static void assertThat(String actual, String how, String expected) {
        boolean ok = switch (how) {
            case "startsWith" -> actual.startsWith(expected);
            case "endsWith" -> actual.endsWith(expected);
            default -> actual.contains(expected);
        };
        assertTrue(ok, "'" + actual + "' " + how + " '" + expected + "'");
    }

    @Test
    void percentilesAreAPlainListDefaultingToTheUsualFive() {
        assertEquals(ChosenPercentiles.DEFAULT, parse(MINIMAL).checks().percentiles());
        Workload w = parse(MINIMAL + "percentiles: [99.9, 50, 99.99]\n");
        assertEquals(List.of(50.0, 99.9, 99.99), w.checks().percentiles().values(), "sorted");
        assertThat(WorkloadYaml.write(w), "contains", "percentiles:\n- 50.0\n- 99.9\n- 99.99");
        assertEquals(w, parse(WorkloadYaml.write(w)));
        assertThat(error(MINIMAL + "percentiles: [0]\n"), "contains", "percentiles");
        assertThat(error(MINIMAL + "percentiles: [0]\n"), "contains", "must be in (0, 100], was 0.0");
    }

    @Test
    void rampUpIsADurationWrittenOnlyWhenSet() {
        Workload ramped = parse(MINIMAL.replace("{mode: closed, users: [1, 2]}", "{mode: closed, users: [1, 2], rampUp: 30s}"));
        assertEquals(30_000_000_000L, ramped.shape().load().rampUpNanos());
        assertThat(WorkloadYaml.write(ramped), "contains", "rampUp: 30s");
        assertEquals(ramped, parse(WorkloadYaml.write(ramped)));
        assertTrue(!WorkloadYaml.write(parse(MINIMAL)).contains("rampUp"), "no ramp, no key: resolved workloads stay as they were");
        Workload open = parse(MINIMAL.replace("{mode: closed, users: [1, 2]}", "{mode: open, rates: [2], rampUp: 1m}"));
        assertEquals(60_000_000_000L, open.shape().load().rampUpNanos());
        assertThat(error(MINIMAL.replace("{mode: closed, users: [1, 2]}", "{mode: open, rates: [2], rampUp: soon}")), "contains", "load.rampUp");
    }

    @Test
    void traceReplayExampleAndItsKeys() {
        Workload w = WorkloadYaml.read(EXAMPLES.resolve("trace-replay.yaml"));
        LoadSpec.Trace t = assertInstanceOf(LoadSpec.Trace.class, w.shape().load());
        assertEquals(List.of(1.0, 2.0, 4.0), t.levels());
        assertEquals(List.of(50.0, 90.0, 99.0, 99.9), w.checks().percentiles().values());
        PromptSpec.Trace p = assertInstanceOf(PromptSpec.Trace.class, w.traffic().prompts());
        assertEquals(PromptSpec.TraceFormat.MOONCAKE, p.format());
        assertEquals(EXAMPLES.resolve("mooncake-sample.jsonl").toAbsolutePath().normalize(), p.path());
        assertEquals(w, WorkloadYaml.parse(WorkloadYaml.write(w), "resolved", Path.of(".")), "the resolved workload reads back");
        Workload gpt4 = WorkloadYaml.read(EXAMPLES.resolve("burstgpt-gpt4.yaml"));
        PromptSpec.Trace b = (PromptSpec.Trace) gpt4.traffic().prompts();
        assertEquals(new PromptSpec.Select("GPT-4", "Conversation log"), b.select());
        assertEquals(Tokenizer.CL100K_BASE, b.tokenizer());
        assertEquals(gpt4, WorkloadYaml.parse(WorkloadYaml.write(gpt4), "resolved", Path.of(".")), "the selection reads back");
        assertEquals(5, TraceFile.read(b).entries().size());
        String traced = MINIMAL.replace("synthetic: {inputTokens: 100, outputTokens: 50}",
                "trace: {path: ../docs/workloads/mooncake-sample.jsonl, format: mooncake}").replace("{mode: closed, users: [1, 2]}", "{mode: trace}");
        LoadSpec.Trace defaults = assertInstanceOf(LoadSpec.Trace.class, parse(traced).shape().load());
        assertEquals(List.of(1.0), defaults.rateFactors());
        assertEquals(1.0, defaults.timeScale());
        assertEquals(512, ((PromptSpec.Trace) parse(traced).traffic().prompts()).blockTokens());
        assertThat(error(traced.replace("{mode: trace}", "{mode: trace, rateFactors: [0]}")), "endsWith", "load.rateFactors: must be > 0, was 0.0");
        PromptSpec.Trace exact = (PromptSpec.Trace) parse(traced.replace("format: mooncake", "format: mooncake, tokenizer: o200k_base")).traffic().prompts();
        assertEquals(Tokenizer.O200K_BASE, exact.tokenizer());
        assertThat(error(traced.replace("format: mooncake", "format: mooncake, model: GPT-4")), "endsWith",
                "model and logType select rows of a burstgpt trace only (its Model and Log Type columns)");
        assertThat(error(traced.replace("format: mooncake", "format: sharegpt")), "endsWith", "format: expected one of mooncake, burstgpt, azure, was 'sharegpt'");
        assertThat(error(traced.replace("{mode: trace}", "{mode: closed, users: [1]}")), "contains",
                "a trace replay needs both load mode trace and prompts from the trace");
        assertThat(error(MINIMAL.replace("{mode: closed, users: [1, 2]}", "{mode: trace}")), "contains",
                "a trace replay needs both load mode trace and prompts from the trace");
    }

    @Test
    void aRecordedWorkloadReadsWithoutTheFilesItNames(@TempDir Path dir) {
        String gone = MINIMAL.replace("synthetic: {inputTokens: 100, outputTokens: 50}", "file: {path: /nowhere/prompts.jsonl}");
        assertThat(error(gone), "endsWith", "no such prompt file: /nowhere/prompts.jsonl");
        PromptSpec.File f = (PromptSpec.File) WorkloadYaml.recorded(gone, "workload.resolved.yaml", dir).traffic().prompts();
        assertEquals(Path.of("/nowhere/prompts.jsonl"), f.path(), "a results folder moved to another machine still reads");
        String trace = MINIMAL.replace("synthetic: {inputTokens: 100, outputTokens: 50}", "trace: {path: /nowhere/t.csv, format: burstgpt}")
                .replace("{mode: closed, users: [1, 2]}", "{mode: trace}");
        assertEquals(Path.of("/nowhere/t.csv"), ((PromptSpec.Trace) WorkloadYaml.recorded(trace, "w", dir).traffic().prompts()).path());
    }

    @Test
    void everyExampleUnderDocsWorkloadsParses() throws java.io.IOException {
        try (var files = Files.list(EXAMPLES)) {
            List<Path> yamls = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertTrue(yamls.size() >= 9, "examples found: " + yamls);
            for (Path p : yamls) {
                Workload w = WorkloadYaml.read(p);
                assertFalse(w.targets().isEmpty(), p + " names its targets");
            }
        }
    }

    @Test
    void shippedExamplesParse() {
        Workload closed = WorkloadYaml.read(EXAMPLES.resolve("chat-sweep.yaml"));
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0), closed.shape().load().levels());
        assertEquals(ServerFlavor.VLLM, closed.targets().get(1).flavor());
        assertEquals(ServerFlavor.OLLAMA, closed.targets().get(0).flavor(), "ollama api implies the ollama flavor");
        assertEquals(0.5, closed.shape().run().stopOnErrorRate());
        assertEquals(null, parse(MINIMAL).shape().run().stopOnErrorRate(), "every level runs unless asked");
        assertEquals(OverSaturation.Settings.GUIDELLM, parse(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10s, stopOnOverSaturation: true}"))
                .shape().run().stopOnOverSaturation());
        Workload osd = parse(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10s, stopOnOverSaturation: {minSeconds: 5, minimumTtftMs: 800}}"));
        assertEquals(new OverSaturation.Settings(5, 120, 2.0, 800, 0.75, 5, 0.95), osd.shape().run().stopOnOverSaturation());
        assertEquals(osd, parse(WorkloadYaml.write(osd)), "the resolved workload reads back");
        assertNull(parse(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10s, stopOnOverSaturation: false}")).shape().run().stopOnOverSaturation());
        assertEquals(new OverSaturation.Settings(10, 120, 2.0, 2500, 0.75, 5, 0.95),
                WorkloadYaml.read(EXAMPLES.resolve("over-saturation.yaml")).shape().run().stopOnOverSaturation());
        assertThat(error(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10s, stopOnOverSaturation: {minSecs: 5}}")), "endsWith",
                "unknown setting 'minSecs'");
        assertThat(error(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10s, stopOnErrorRate: 1.5}")), "endsWith",
                ": run.stopOnErrorRate: must be in (0, 1), was 1.5");
        Workload open = WorkloadYaml.read(EXAMPLES.resolve("poisson-rates.yaml"));
        LoadSpec.OpenLoop o = assertInstanceOf(LoadSpec.OpenLoop.class, open.shape().load());
        assertEquals(64, o.maxInFlight());
        assertEquals(20_000_000_000L, o.rampUpNanos());
        PromptSpec.File f = assertInstanceOf(PromptSpec.File.class, open.traffic().prompts());
        assertTrue(f.path().isAbsolute(), "prompt path resolved against the workload's folder");
        assertEquals(PromptSpec.PromptFileFormat.JSONL, f.format());
        LoadSpec.OpenLoop bursty = assertInstanceOf(LoadSpec.OpenLoop.class, WorkloadYaml.read(EXAMPLES.resolve("bursty-rates.yaml")).shape().load());
        assertEquals(new LoadSpec.OpenLoop(List.of(1.0, 2.0, 4.0, 8.0), LoadSpec.Arrival.GAMMA, null, 0.5), bursty);
        var gateway = WorkloadYaml.read(EXAMPLES.resolve("gateway-headers.yaml")).targets().getFirst();
        assertEquals("env:GATEWAY_TOKEN", gateway.headers().get("Authorization"));
        assertEquals(20, gateway.extraBody().get("top_k"));
        assertTrue(WorkloadYaml.write(WorkloadYaml.read(EXAMPLES.resolve("gateway-headers.yaml"))).contains("extraBody:"));
    }

    @Test
    void sessionsExampleParsesRoundTripsAndChecksItsKeys() {
        Workload w = WorkloadYaml.read(EXAMPLES.resolve("agent-sessions.yaml"));
        PromptSpec.Sessions s = assertInstanceOf(PromptSpec.Sessions.class, w.traffic().prompts());
        assertEquals(5, s.turns());
        assertEquals(new PromptSpec.SharedPrefix(800, 2), s.systemPrompt());
        assertEquals(new Distribution.Uniform(50, 150), s.toolResultTokens());
        assertEquals(w, parse(WorkloadYaml.write(w)));
        String sessions = MINIMAL.replace("synthetic: {inputTokens: 100, outputTokens: 50}",
                "sessions: {turns: 3, userTokens: 10, outputTokens: 5, systemPrompt: {tokens: 50}}");
        assertEquals(1, ((PromptSpec.Sessions) parse(sessions).traffic().prompts()).systemPrompt().groups(), "one group unless given");
        assertThat(error(sessions.replace("turns: 3", "turns: 0")), "endsWith", ": prompts.turns: must be >= 1, was 0");
        String fromFile = sessions.replace("userTokens: 10", "userMessages: {path: ../docs/workloads/prompts.example.jsonl}");
        PromptSpec.Sessions messages = (PromptSpec.Sessions) parse(fromFile).traffic().prompts();
        assertTrue(messages.userMessages().path().isAbsolute(), "resolved against the workload's folder");
        String first = new SessionPrompts(messages, 1, false).session("s", 1).next().text();
        assertTrue(first.startsWith("System: ") && first.contains("\n\nUser: "), first);
        assertThat(error(sessions.replace("userTokens: 10", "userTokens: 10, userMessages: {path: ../docs/workloads/prompts.example.jsonl}")),
                "endsWith", "give exactly one of userTokens and userMessages");
        assertThat(error(sessions.replace("tokens: 50", "tokens: 50, groups: 0")), "endsWith", ": prompts.systemPrompt.groups: must be >= 1, was 0");
    }

    @Test
    void defaultsAreFilledIn() {
        Workload w = parse(MINIMAL);
        assertTrue(w.traffic().request().chat());
        assertEquals(5_000_000_000L, w.shape().run().warmupNanos());
        assertEquals(ApiKind.OPENAI, w.targets().get(0).api());
        assertEquals(ServerFlavor.GENERIC, w.targets().get(0).flavor());
        assertEquals(new Distribution.Fixed(0), ((LoadSpec.ClosedLoop) w.shape().load()).thinkTimeMs());
    }

    @Test
    void resolvedYamlReadsBackToTheSameWorkload() {
        Workload w = WorkloadYaml.read(EXAMPLES.resolve("chat-sweep.yaml"));
        assertEquals(w, parse(WorkloadYaml.write(w)));
        Workload open = WorkloadYaml.read(EXAMPLES.resolve("poisson-rates.yaml"));
        assertEquals(open, parse(WorkloadYaml.write(open)));
    }

    @Test
    void requestTimeoutsAreReadAndWrittenOnlyWhenGiven() {
        Workload w = parse(MINIMAL.replace("seed: 1\n", "seed: 1\nrequest:\n  timeouts: {firstToken: 30s}\n"));
        assertEquals(new RequestTimeouts(30_000_000_000L, RequestTimeouts.DEFAULTS.idleNanos()), w.traffic().request().timeouts());
        String written = WorkloadYaml.write(w);
        assertTrue(written.contains("  timeouts:\n    firstToken: 30s\n    idle: 1m\n"), written);
        assertEquals(w, parse(written));
        assertFalse(WorkloadYaml.write(parse(MINIMAL)).contains("timeouts"), "the defaults are not written");
        assertEquals("w.yaml:4:22: request.timeouts.idle: must be > 0", error(MINIMAL.replace("seed: 1\n", "seed: 1\nrequest:\n  timeouts: {idle: 0s}\n")));
    }

    @Test
    void promptCachingIsReadAndWrittenOnlyWhenAuto() {
        Workload w = parse(MINIMAL.replace("seed: 1\n", "seed: 1\nrequest:\n  promptCaching: auto\n"));
        assertEquals(io.hybench.bench.client.PromptCaching.AUTO, w.traffic().request().promptCaching());
        String written = WorkloadYaml.write(w);
        assertTrue(written.contains("  promptCaching: auto\n"), written);
        assertEquals(w, parse(written));
        assertFalse(WorkloadYaml.write(parse(MINIMAL)).contains("promptCaching"), "off is not written");
        Workload example = WorkloadYaml.read(EXAMPLES.resolve("cloud-caching.yaml"));
        assertEquals(io.hybench.bench.client.PromptCaching.AUTO, example.traffic().request().promptCaching());
        assertEquals(ApiKind.ANTHROPIC, example.targets().getFirst().api());
        assertEquals("w.yaml:4:18: request.promptCaching: must be auto or off, was 'always'",
                error(MINIMAL.replace("seed: 1\n", "seed: 1\nrequest:\n  promptCaching: always\n")));
    }

    @Test
    void goldenResolvedWorkloadIsWrittenBackAsItWas() throws Exception {
        Path golden = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.1.0", "bench", "workload.resolved.yaml");
        String text = Files.readString(golden);
        Workload w = WorkloadYaml.parse(text, golden.toString(), golden.getParent());
        String written = WorkloadYaml.write(w);
        assertEquals(w, parse(written));
        // Keys added since 0.1.0 (with their defaults) may sit between; every 0.1.0 line is written as it was, in order.
        int at = 0;
        for (String line : text.lines().toList()) {
            at = written.indexOf(line + "\n", at);
            assertTrue(at >= 0, "written as in 0.1.0: " + line);
        }
    }

    @Test
    void resolvedWorkloadOfFormat2IsWrittenBackByteForByte() throws Exception {
        // The record groups its parts (traffic, shape, checks); the file keeps its flat keys in their order.
        Path golden = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.2.0", "bench", "workload.resolved.yaml");
        String text = Files.readString(golden);
        assertEquals(text, WorkloadYaml.write(WorkloadYaml.parse(text, golden.toString(), golden.getParent())));
    }

    @Test
    void emulatorProfileMarksATargetEmulatedAndRoundTrips() {
        Workload w = parse(MINIMAL.replace("model: m}", "model: m, emulatorProfile: llama3.1-8b-a100-vllm}"));
        assertEquals("llama3.1-8b-a100-vllm", w.targets().get(0).emulatorProfile());
        assertTrue(w.targets().get(0).emulated());
        assertEquals(w, parse(WorkloadYaml.write(w)));
        assertEquals(null, parse(MINIMAL).targets().get(0).emulatorProfile(), "a target is a real server unless marked");
        assertThat(error(MINIMAL.replace("model: m}", "model: m, emulatorProfile: ' '}")), "contains", "emulatorProfile");
    }

    @Test
    void missingSeedIsChosenAndWrittenDown() {
        Workload w = parse(MINIMAL.replace("seed: 1\n", ""));
        assertTrue(WorkloadYaml.write(w).contains("seed: " + w.seed()));
    }

    @Test
    void errorsNameTheFileLineColumnAndKey() {
        assertEquals("w.yaml:7:35: load.users: must be >= 1, was 0", error(MINIMAL.replace("users: [1, 2]", "users: [1, 0]")));
        assertEquals("w.yaml:4:36: targets[0].url: missing (required)", error(MINIMAL.replace("url: \"http://127.0.0.1:8000\", ", "")));
        assertThat(error(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10}")), "startsWith", "w.yaml:8:17: run.duration: expected a duration like 500ms");
        assertThat(error(MINIMAL.replace("run: {duration: 10s}", "run: {duration: 10s, requests: 5}")), "startsWith", "w.yaml:8:33: run: give exactly one of duration and requests");
        assertEquals("w.yaml:7:48: load.usres: unknown key (allowed: rampUp, thinkTimeMs, users)",
                error(MINIMAL.replace("load: {mode: closed", "load: {mode: closed, usres: [3]")));
        assertThat(error(MINIMAL + "checks: {slo: {e2eMs: 5}}\n"), "startsWith", "w.yaml:10:1: checks: unknown key (allowed: ");
        assertEquals("w.yaml:4:20: targets[0].api: expected one of ollama, openai, anthropic, was 'gemini'",
                error(MINIMAL.replace("api: openai", "api: gemini")));
        assertThat(error(MINIMAL.replace("inputTokens: 100", "inputTokens: {distribution: zipf, mean: 3}")), "startsWith", "w.yaml:6:43: prompts.inputTokens: expected one of fixed, uniform, normal, lognormal, was 'zipf'");
        assertThat(error(MINIMAL.replace("outputTokens: 50", "outputTokens: {distribution: uniform, min: 10, max: 5}")), "endsWith", ": prompts.outputTokens: need 0 <= min <= max, was min=10 max=5");
        assertThat(error(MINIMAL.replace("url: \"http://127.0.0.1:8000\"", "url: \"ftp://x\"")), "endsWith", ": targets[0].url: must be an http(s) URL with a host, was 'ftp://x'");
        assertThat(error(MINIMAL + "slo: {e2eMs: -1}\n"), "endsWith", ": slo.e2eMs: must be > 0, was -1.0");
        assertThat(error(MINIMAL.replace("name: t", "name: \"a b\"")), "contains", ": name: must match");
        assertThat(error(MINIMAL.replace("users: [1, 2]", "users: [1, 2.5]")), "startsWith", "w.yaml:7:33: load.users[1]: expected a whole number, was 2.5");
        assertThat(error("name: 'x\n"), "contains", ": not valid YAML");
        assertThat(error(MINIMAL.replace("load: {mode: closed, users: [1, 2]}", "load: {mode: open, rates: [2], arrival: gamma}")),
                "endsWith", ": load.burstiness: must be > 0 for gamma arrivals, was null");
        assertThat(error(MINIMAL.replace("load: {mode: closed, users: [1, 2]}", "load: {mode: open, rates: [2], burstiness: 2}")),
                "endsWith", ": load: burstiness is for arrival gamma");
    }

    @Test
    void duplicateTargetNamesAreRejected() {
        String two = MINIMAL.replace("targets:\n", "targets:\n  - {name: a, api: ollama, url: \"http://h:1\", model: m}\n");
        assertThat(error(two), "contains", "duplicate target name 'a'");
    }

    @Test
    void promptFileMustExist(@TempDir Path dir) throws Exception {
        String yaml = MINIMAL.replace("synthetic: {inputTokens: 100, outputTokens: 50}", "file: {path: nope.jsonl}");
        String msg = assertThrows(WorkloadException.class, () -> WorkloadYaml.parse(yaml, "w.yaml", dir)).getMessage();
        assertTrue(msg.startsWith("w.yaml:6:26: prompts: no such prompt file"), msg);
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
