package io.hybench.cli;

import io.hybench.emulator.Emulator;
import io.hybench.emulator.TestProfiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the classes of misuse issue 16 found (bad input, misbehaving servers, degenerate runs, keys
 * in URLs) through the real command line and checks the promises of docs/results.md: bad input exits
 * 2 with one line naming what is wrong and no stack trace; every finished run has its report; no key
 * reaches any artifact or output; nothing runs past its limit: servers that stop answering end by the
 * configured drain and request timeouts.
 */
class MisuseReplayTest {
    private static final String KEY = "sk-proj-REPLAYSECRET0123456789";
    private static final Duration NO_HANG = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    @BeforeAll
    static void inputs() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append("{\"id\":\"q%d\",\"prompt\":\"p%d\",\"local_correct\":%s,\"cloud_correct\":true,\"score\":%s}%n"
                    .formatted(i, i, i % 3 != 0, i % 2 == 0 ? "0.9" : "0.2"));
        }
        write("d.jsonl", rows.toString());
        write("dup.jsonl", rows + "{\"id\":\"q1\",\"prompt\":\"again\",\"local_correct\":true,\"cloud_correct\":true,\"score\":0.5}\n");
        write("badline.jsonl", "{\"id\":\"a\",\"prompt\":\"p\",\"local_correct\":true,\"cloud_correct\":true,\"score\":1}\n{\"id\": oops\n");
        write("map.yaml", "id: id\nprompt: prompt\nscores: [score]\nlocal: {model: m, correct: local_correct}\ncloud: {model: gpt-4o, correct: cloud_correct}\n");
        write("map-unknown.yaml", "id: id\nscorez: [score]\nlocal: {model: m, correct: local_correct}\ncloud: {model: gpt-4o, correct: cloud_correct}\n");
        write("map-broken.yaml", "id: id\nprompt: [prompt\n");
        write("prices-nosource.yaml", "as_of: 2024-01-01\ncurrency: USD\nmodels: {gpt-4o: {input_usd_per_million: 1, output_usd_per_million: 2}}\n");
        write("prices-negative.yaml", "as_of: 2024-01-01\ncurrency: USD\nmodels: {gpt-4o: {input_usd_per_million: -1, output_usd_per_million: 2, source: x}}\n");
        write("prompts-bad.jsonl", "{\"prompt\": \"hi\"}\n{\"prompt\": oops}\n");
        write("prompts-noprompt.jsonl", "{\"prompt\": \"hi\"}\n{\"text\": \"hello\"}\n");
        write("prompts-ragged.csv", "prompt,max_tokens\nhi,10\nhello,10,extra\n");
        write("q-dup.jsonl", "{\"id\":\"a\",\"question\":\"Q1?\",\"options\":[\"x\",\"y\"],\"answer\":\"A\",\"kind\":\"mc\"}\n"
                + "{\"id\":\"a\",\"question\":\"Q2?\",\"options\":[\"x\",\"y\"],\"answer\":\"B\",\"kind\":\"mc\"}\n");
        write("q-notoption.jsonl", "{\"id\":\"a\",\"question\":\"Q1?\",\"options\":[\"x\",\"y\"],\"answer\":\"Z\",\"kind\":\"mc\"}\n");
        write("qmap.yaml", "id: id\nquestion: question\noptions: [/options/0, /options/1]\nanswer: answer\nkind: kind\n");
        write("qmap-bad.yaml", "id: id\nquestionz: question\n");
        for (String p : List.of("prompts-bad.jsonl", "prompts-noprompt.jsonl", "prompts-ragged.csv")) {
            write("w-" + p + ".yaml", workload("http://127.0.0.1:9", "prompts:\n  file: {path: \"" + dir.resolve(p) + "\"}\n", "users: [1]", "requests: 2"));
        }
        write("w-unset-key.yaml", workload("http://127.0.0.1:9", "", "users: [1]", "requests: 2")
                .replace("model: \"meta", "apiKeyEnv: HYBENCH_REPLAY_UNSET\n    model: \"meta"));
        write("w-key-as-name.yaml", workload("http://127.0.0.1:9", "", "users: [1]", "requests: 2")
                .replace("model: \"meta", "apiKeyEnv: " + KEY + "\n    model: \"meta"));
        Path bench = Files.createDirectories(dir.resolve("truncated-bench"));
        write("truncated-bench/summary.json", "{\"formatVersion\": \"0.1.0\", \"steps\": [{\"tar");
        write("truncated-bench/env.json", "{}");
        write("truncated-bench/workload.resolved.yaml", "name: x\n");
        assertTrue(Files.isDirectory(bench));
    }

    static Stream<List<String>> badInput() {
        String d = dir.toString() + "/";
        List<List<String>> cases = new ArrayList<>();
        for (String[] c : new String[][] {
                {"nosuch.jsonl", "map.yaml"}, {"badline.jsonl", "map.yaml"}, {"dup.jsonl", "map.yaml"},
                {"d.jsonl", "map-unknown.yaml"}, {"d.jsonl", "map-broken.yaml"}}) {
            cases.add(List.of("calibrate", "--data", d + c[0], "--mapping", d + c[1], "--out", d + "cal"));
        }
        for (String[] extra : new String[][] {{"--prices", d + "prices-nosource.yaml"}, {"--prices", d + "prices-negative.yaml"},
                {"--holdout", "1.5"}, {"--holdout", "abc"}, {"--target-pgr", "2"}, {"--litellm-cloud-key-env", KEY}}) {
            cases.add(List.of("calibrate", "--data", d + "d.jsonl", "--mapping", d + "map.yaml", extra[0], extra[1], "--out", d + "cal"));
        }
        for (String w : List.of("w-prompts-bad.jsonl.yaml", "w-prompts-noprompt.jsonl.yaml", "w-prompts-ragged.csv.yaml",
                "w-unset-key.yaml", "w-key-as-name.yaml")) {
            cases.add(List.of("bench", "--workload", d + w, "--no-progress", "--out", d + "bench-out"));
        }
        cases.add(List.of("bench", "--workload", d + "w-unset-key.yaml", "--run-id", "../../escape", "--no-progress", "--out", d + "bench-out"));
        String local = "api=ollama,url=http://127.0.0.1:9,model=m";
        cases.add(List.of("collect", "--questions", d + "q-dup.jsonl", "--mapping", d + "qmap.yaml", "--local", local, "--out", d + "col/l.jsonl"));
        cases.add(List.of("collect", "--questions", d + "q-notoption.jsonl", "--mapping", d + "qmap.yaml", "--local", local, "--out", d + "col/l.jsonl"));
        cases.add(List.of("collect", "--questions", d + "q-dup.jsonl", "--mapping", d + "qmap-bad.yaml", "--local", local, "--out", d + "col/l.jsonl"));
        cases.add(List.of("emulate", "--profile", "llama3.1-8b-a100-vllm", "--port", "70000"));
        cases.add(List.of("emulate", "--profile", "no-such-profile"));
        cases.add(List.of("emulate", "--profile", "llama3.1-8b-a100-vllm", "--truth", "/proc/no-such-dir/truth.jsonl"));
        cases.add(List.of("cost", "--bench", d + "truncated-bench", "--out", d + "cost", "--prices", "../docs/prices.example.yaml",
                "--target", "t", "--api-model", "gpt-4o-mini", "--rent-usd-per-hour", "1.5", "--power-watts", "250"));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineAndExitTwo(List<String> args) {
        CliRun r = assertTimeoutPreemptively(NO_HANG, () -> CliRun.of(args.toArray(String[]::new)));
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertFalse(err.isEmpty());
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("hybench " + args.getFirst() + ": "), err);
        assertNoTraceOrKey(r);
        assertFalse(Files.exists(dir.resolve("escape")) || Files.exists(dir.getParent().resolve("escape")), "--run-id stays inside --out");
    }

    @Test
    void misbehavingServersStillGetTheirReportAndLeakNoKey() throws Exception {
        String faults = "faults: {stall_rate: 0.2, stall_ms: 50, disconnect_rate: 0.2, malformed_rate: 0.2, server_error_rate: 0.2}\n";
        try (Emulator e = Emulator.start(TestProfiles.vllm(faults), 0, 5)) {
            // A key in the URL's user-info and query: redacted from every file and every line printed.
            String url = e.baseUrl().toString().replace("http://", "http://user:" + KEY + "@") + "?api_key=" + KEY;
            Path w = write("w-faults.yaml", workload(url, "", "users: [1, 4]", "requests: 8"));
            CliRun r = assertTimeoutPreemptively(NO_HANG, () -> CliRun.of("bench", "--workload", w.toString(), "--no-progress",
                    "--out", dir.resolve("faults").toString(), "--run-id", "r1"));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(dir.resolve("faults/r1/report.html")), "the run has its report");
            assertNoTraceOrKey(r);
            assertNoKeyUnder(dir.resolve("faults"));
        }
    }

    @Test
    void degenerateStepsStillGetTheirReport() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 6)) {
            // One measured request per step, and more users than measured requests.
            Path w = write("w-degenerate.yaml", workload(e.baseUrl().toString(), "", "users: [1, 4]", "requests: 1"));
            CliRun r = assertTimeoutPreemptively(NO_HANG, () -> CliRun.of("bench", "--workload", w.toString(), "--no-progress",
                    "--out", dir.resolve("degenerate").toString(), "--run-id", "r1"));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(dir.resolve("degenerate/r1/report.html")), "the run has its report");
            assertNoTraceOrKey(r);
        }
    }

    /**
     * Servers that answer the preflight, then hang (the emulator's faults held for ten minutes, sparing its first
     * request): each run ends by its configured limits, far inside NO_HANG and far below the five-minute default
     * first-token timeout, and gets its report; what it gave up on is counted.
     */
    @Test
    void serversThatStopAnsweringEndByTheConfiguredTimeouts() throws Exception {
        String mute = "faults: {slow_headers_rate: 1, slow_headers_ms: 600000, healthy_requests: 1}\n";
        try (Emulator e = Emulator.start(TestProfiles.vllm(mute), 0, 8)) {
            // Closed loop, default request timeouts: the step ends by its duration and drain timeout.
            Path w = write("w-mute.yaml", workload(e.baseUrl().toString(), "", "users: [2]", "duration: 1s, drainTimeout: 1s"));
            CliRun r = assertTimeoutPreemptively(NO_HANG, () -> CliRun.of("bench", "--workload", w.toString(), "--no-progress",
                    "--out", dir.resolve("mute").toString(), "--run-id", "r1"));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(dir.resolve("mute/r1/report.html")), "the run has its report");
            assertTrue(Files.readString(dir.resolve("mute/r1/summary.json")).contains("\"CANCELLED\" : 2"), "both users' requests counted as cancelled");
            assertNoTraceOrKey(r);
        }
        String stall = "faults: {stall_rate: 1, stall_ms: 600000, healthy_requests: 1}\n";
        try (Emulator e = Emulator.start(TestProfiles.vllm(stall), 0, 9)) {
            // The workload's request timeouts end streams that stall mid-answer.
            Path w = write("w-stall.yaml", workload(e.baseUrl().toString(), "request:\n  timeouts: {firstToken: 3s, idle: 500ms}\n"
                    + "prompts:\n  synthetic: {inputTokens: 16, outputTokens: 6}", "users: [1]", "requests: 2"));
            CliRun r = assertTimeoutPreemptively(NO_HANG, () -> CliRun.of("bench", "--workload", w.toString(), "--no-progress",
                    "--out", dir.resolve("stall").toString(), "--run-id", "r1"));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(dir.resolve("stall/r1/report.html")), "the run has its report");
            String requests = Files.readString(dir.resolve("stall/r1/requests.jsonl"));
            assertEquals(2, requests.lines().count(), requests);
            assertTrue(requests.lines().allMatch(l -> l.contains("TIMEOUT_IDLE") || l.contains("TIMEOUT_FIRST_TOKEN")), requests);
            assertNoTraceOrKey(r);
        }
    }

    /** An output folder that cannot be made (a file stands in its way; root ignores permissions): one line, no debris. */
    @Test
    void anOutputFolderThatCannotBeWrittenIsOneLine() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 10)) {
            Path w = write("w-out.yaml", workload(e.baseUrl().toString(), "", "users: [1]", "requests: 1"));
            Path blocker = write("blocker", "not a folder\n");
            CliRun r = assertTimeoutPreemptively(NO_HANG, () -> CliRun.of("bench", "--workload", w.toString(), "--no-progress",
                    "--out", blocker.resolve("sub").toString(), "--run-id", "r1"));
            assertEquals(1, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("hybench bench: "), r.err());
            assertNoTraceOrKey(r);
        }
    }

    private static void assertNoTraceOrKey(CliRun r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("\tat ") || all.matches("(?s).*\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error)\\b.*"), "no stack trace: " + all);
        assertFalse(all.contains(KEY.substring(8)), "no key in the output: " + all);
    }

    private static void assertNoKeyUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(KEY.substring(8)), "key in " + f);
            }
        }
    }

    private static String workload(String url, String prompts, String users, String run) {
        return """
                name: replay
                seed: 7
                targets:
                  - name: emu
                    api: openai
                    flavor: vllm
                    url: "%s"
                    model: "meta-llama/Llama-3.1-8B-Instruct"
                    emulatorProfile: test-vllm
                %s
                load: {mode: closed, %s}
                run: {warmup: 0s, %s}
                """.formatted(url, prompts.isEmpty() ? "prompts:\n  synthetic: {inputTokens: 16, outputTokens: 6}" : prompts, users, run);
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
