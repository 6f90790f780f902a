package io.hybench.bench.results;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerTimings;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.core.mapper.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JsonTest {

    @Test
    void requestRecordRoundTripsThroughOneJsonLine() throws Exception {
        RequestRecord r = new RequestRecord("req-7", new RequestRecord.Destination("ollama-local", ApiKind.OLLAMA, "llama3.1:8b", "/api/chat"),
                new RequestRecord.Timeline(100, 150, 900L, 1_200L, new long[] {1_200, 1_250}, new int[] {1, 2}, 1_400),
                new RequestRecord.Tokens(12, TokenCountSource.SERVER, 3, TokenCountSource.LOGPROBS, false), new RequestRecord.Reply("stop", "Hi \"there\"\n", new ServerTimings(5_000L, 0L, 12, 300L, 3, 200L), List.of(new TokenLogprob("Hi", -0.01, List.of(new TokenLogprob.Alternative("Hello", -4.5))))), new RequestError(ErrorClass.RATE_LIMITED, 429, "slow down", 2_000L), null);
        String line = Json.MAPPER.writeValueAsString(r);
        assertFalse(line.contains("\n"), "one record per line");
        RequestRecord back = Json.MAPPER.readValue(line, RequestRecord.class);
        assertEquals(r.reply().text(), back.reply().text());
        assertArrayEquals(r.timeline().chunkArrivalNanos(), back.timeline().chunkArrivalNanos());
        assertArrayEquals(r.timeline().chunkTokenCounts(), back.timeline().chunkTokenCounts());
        assertEquals(r.reply().serverTimings(), back.reply().serverTimings());
        assertEquals(r.reply().logprobs(), back.reply().logprobs());
        assertEquals(r.error(), back.error());
        assertEquals(r.tokens().outputTokenSource(), back.tokens().outputTokenSource());
    }

    @Test
    void goldenRequestLinesAreWrittenBackByteForByte() throws Exception {
        // requests.jsonl is read by users' own tools: the record's grouping in code never shows in the file.
        Path golden = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.2.0");
        Path format3 = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.4.0", "bench", "requests.jsonl");
        for (Path file : List.of(golden.resolve("bench/requests.jsonl"), golden.resolve("hybrid/bench/requests.jsonl"), format3)) {
            List<String> lines = Files.readAllLines(file);
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                // promptId and route came later, written null where absent; every other byte is as it was.
                String expected = line.contains("\"promptId\":") ? line
                        : line.replace(",\"requestedMaxTokens\":", ",\"promptId\":null,\"requestedMaxTokens\":").replaceFirst("}}$", ",\"route\":null}}");
                assertEquals(expected, Json.MAPPER.writeValueAsString(Json.MAPPER.readValue(line, RequestLine.class)), file.toString());
            }
        }
    }

    static final Path GOLDEN = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.2.0");
    /** Summary format 5: the self-check with its TTFT and E2E timing uncertainty. */
    static final Path GOLDEN_BENCH_5 = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.6.0", "bench");
    static final List<Path> GOLDEN_BENCH = List.of(GOLDEN.resolve("bench"), GOLDEN.resolve("hybrid/bench"), GOLDEN.resolve("hybrid-routed/bench"));

    @Test
    void goldenSelfChecksAreWrittenBackByteForByte() throws Exception {
        // summary.json's selfCheck stays one flat object however SelfCheck groups its parts in code.
        int checked = 0;
        for (Path dir : Stream.concat(GOLDEN_BENCH.stream(), Stream.of(GOLDEN_BENCH_5)).toList()) {
            for (JsonNode step : Json.MAPPER.readTree(dir.resolve("summary.json").toFile()).get("steps")) {
                JsonNode golden = step.get("selfCheck");
                assertEquals(Json.MAPPER.writeValueAsString(golden),
                        Json.MAPPER.writeValueAsString(Json.MAPPER.treeToValue(golden, SelfCheck.class)), dir.toString());
                checked++;
            }
        }
        assertFalse(checked == 0);
    }

    @Test
    void goldenEnvFilesAreWrittenBackByteForByte(@TempDir Path out) throws Exception {
        for (Path dir : GOLDEN_BENCH) {
            EnvInfo.readFrom(dir).writeInto(out);
            assertEquals(Files.readString(dir.resolve(RunFolder.ENV)), Files.readString(out.resolve(RunFolder.ENV)), dir.toString());
        }
    }
}
