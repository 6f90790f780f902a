package io.hybench.cli;

import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.SessionSummary;
import io.hybench.core.mapper.Json;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.TestProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A multi-turn run against the emulated vLLM: sessions.json's turns, with their cached share, reach the report. */
class SessionReportTest {
    @Test
    void theReportShowsTtftAndTheCachedShareByTurn(@TempDir Path dir) throws Exception {
        try (Emulator emulator = Emulator.start(TestProfiles.vllm(""), 0, 1)) {
            Path workload = Files.writeString(dir.resolve("w.yaml"), """
                    name: cli-sessions
                    seed: 5
                    targets:
                      - {name: emu, api: openai, flavor: vllm, url: "%s", model: "meta-llama/Llama-3.1-8B-Instruct", emulatorProfile: test-vllm}
                    prompts:
                      sessions: {turns: 3, userTokens: 20, outputTokens: 4, systemPrompt: {tokens: 64}}
                    load: {mode: closed, users: [2]}
                    run: {warmup: 0s, requests: 12}
                    """.formatted(emulator.baseUrl()));
            CliRun o = CliRun.of("bench", "--workload", workload.toString(), "--out", dir.toString(), "--run-id", "s", "--no-progress");
            assertEquals(0, o.code(), o.err());
        }
        Path run = dir.resolve("s");
        SessionSummary sessions = Json.MAPPER.readValue(run.resolve(RunFolder.SESSIONS).toFile(), SessionSummary.class);
        List<SessionSummary.Turn> turns = sessions.turns();
        assertEquals(List.of(1, 2, 3), turns.stream().map(SessionSummary.Turn::turn).toList());
        // turn 2 and 3 resend the whole conversation so far: vLLM's block cache serves most of it
        SessionSummary.Turn last = turns.getLast();
        assertNotNull(last.cachedInputShare(), "the emulated vLLM reports cached prompt tokens");
        assertTrue(last.cachedInputShare() > 0.5, "most of turn 3's context is cached: " + last.cachedInputShare());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("Multi-turn sessions of emu by turn"), "the turns table");
        assertTrue(html.contains(new DecimalFormat("0.0%", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(last.cachedInputShare())), "turn 3's cached share in the table");
    }
}
