package io.hybench.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three public trace formats, on small traces written here in each format's published columns. */
class TraceFileTest {

    private static TraceFile read(Path dir, String name, String text, PromptSpec.TraceFormat format) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return TraceFile.read(new PromptSpec.Trace(file, format, 512, null, PromptSpec.Select.ALL));
    }

    private static long[] offsets(TraceFile t) {
        return t.entries().stream().mapToLong(TraceEntry::offsetNanos).toArray();
    }

    @Test
    void mooncakeMillisecondsLengthsAndHashIds(@TempDir Path dir) throws IOException {
        TraceFile t = read(dir, "m.jsonl", """
                {"timestamp": 0, "input_length": 1000, "output_length": 20, "hash_ids": [0, 1]}
                {"timestamp": 0, "input_length": 600, "output_length": 5, "hash_ids": [0, 2]}

                {"timestamp": 3052.5, "input_length": 7, "output_length": 0, "hash_ids": [3], "extra": true}
                """, PromptSpec.TraceFormat.MOONCAKE);
        assertArrayEquals(new long[]{0, 0, 3_052_500_000L}, offsets(t));
        assertArrayEquals(new long[]{0, 2}, t.entries().get(1).hashIds());
        assertEquals(1000, t.entries().getFirst().inputTokens());
        assertEquals(1, t.entries().get(2).outputTokens(), "a traced length of 0 is sent as 1");
        assertEquals(4, t.entries().get(2).line(), "lines count blank ones");
    }

    @Test
    void burstGptSecondsFromTheHeaderNamedColumns(@TempDir Path dir) throws IOException {
        TraceFile t = read(dir, "b.csv", """
                Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type
                5,ChatGPT,472,18,490,Conversation log
                45.25,ChatGPT,1087,230,1317,Conversation log
                118,GPT-4,417,276,693,API log
                """, PromptSpec.TraceFormat.BURSTGPT);
        assertArrayEquals(new long[]{0, 40_250_000_000L, 113_000_000_000L}, offsets(t));
        assertEquals(List.of(472, 1087, 417), t.entries().stream().map(TraceEntry::inputTokens).toList());
        assertEquals(List.of(18, 230, 276), t.entries().stream().map(TraceEntry::outputTokens).toList());
        assertEquals(0, t.entries().getFirst().hashIds().length);
    }

    private static final String BURSTGPT = """
            Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type
            5,ChatGPT,472,18,490,Conversation log
            45.25,GPT-4,1087,230,1317,Conversation log
            118,GPT-4,417,276,693,API log
            120,ChatGPT,30,0,30,API log
            """;

    private static TraceFile burstGpt(Path dir, PromptSpec.Select select) throws IOException {
        Path file = dir.resolve("b.csv");
        Files.writeString(file, BURSTGPT);
        return TraceFile.read(new PromptSpec.Trace(file, PromptSpec.TraceFormat.BURSTGPT, 512, null, select));
    }

    @Test
    void burstGptRowsSelectedByModelAndLogTypeKeepTheirRecordNumbersAndTheFirstKeptRowStartsTheClock(@TempDir Path dir) throws IOException {
        TraceFile gpt4 = burstGpt(dir, new PromptSpec.Select("GPT-4", null));
        assertEquals(List.of(2L, 3L), gpt4.entries().stream().map(TraceEntry::line).toList());
        assertArrayEquals(new long[]{0, 72_750_000_000L}, offsets(gpt4));
        assertEquals(List.of(1L, 2L, 3L, 4L), burstGpt(dir, new PromptSpec.Select("ChatGPT | GPT-4", null)).entries().stream().map(TraceEntry::line).toList());
        assertEquals(List.of(3L, 4L), burstGpt(dir, new PromptSpec.Select(null, "API log")).entries().stream().map(TraceEntry::line).toList());
        assertEquals(List.of(4L), burstGpt(dir, new PromptSpec.Select("ChatGPT", "API log")).entries().stream().map(TraceEntry::line).toList());
        WorkloadException none = assertThrows(WorkloadException.class, () -> burstGpt(dir, new PromptSpec.Select("gpt-4", null)));
        assertTrue(none.getMessage().endsWith("b.csv: no requests in trace with Model gpt-4"), "values match exactly: " + none.getMessage());
        Files.writeString(dir.resolve("b.csv"), "Timestamp,Request tokens,Response tokens\n1,5,3\n");
        WorkloadException missing = assertThrows(WorkloadException.class, () -> TraceFile.read(new PromptSpec.Trace(dir.resolve("b.csv"),
                PromptSpec.TraceFormat.BURSTGPT, 512, null, new PromptSpec.Select("GPT-4", null))));
        assertTrue(missing.getMessage().endsWith("b.csv: record 1 after the header: Model: missing"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PromptSpec.Trace(dir.resolve("b.csv"), PromptSpec.TraceFormat.AZURE, 512, null,
                new PromptSpec.Select("GPT-4", null)), "only BurstGPT has a Model column");
        assertThrows(IllegalArgumentException.class, () -> new PromptSpec.Select(" | ", null));
    }

    @Test
    void azureDateTimesToTheHundredNanosecondAndSortedByArrival(@TempDir Path dir) throws IOException {
        TraceFile t = read(dir, "a.csv", """
                TIMESTAMP,ContextTokens,GeneratedTokens
                2023-11-16 18:15:46.6805900,374,44
                2023-11-16 18:15:50.9951690,396,109
                2023-11-16 18:15:46.5,20,7
                2023-11-16 18:16:00,5,1
                """, PromptSpec.TraceFormat.AZURE);
        // the third row is the earliest: offsets count from it, and the trace is replayed in arrival order
        assertArrayEquals(new long[]{0, 180_590_000L, 4_495_169_000L, 13_500_000_000L}, offsets(t));
        assertEquals(List.of(20, 374, 396, 5), t.entries().stream().map(TraceEntry::inputTokens).toList());
        assertEquals(List.of(3L, 1L, 2L, 4L), t.entries().stream().map(TraceEntry::line).toList());
    }

    @Test
    void badRowsAreNamedByFileLineAndField(@TempDir Path dir) {
        WorkloadException m = assertThrows(WorkloadException.class, () -> read(dir, "m.jsonl",
                "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1}\n{\"input_length\": 5, \"output_length\": 1}\n",
                PromptSpec.TraceFormat.MOONCAKE));
        assertTrue(m.getMessage().endsWith("m.jsonl:2: timestamp: missing"), m.getMessage());
        WorkloadException b = assertThrows(WorkloadException.class, () -> read(dir, "b.csv",
                "Timestamp,Request tokens,Response tokens\n1,5,x\n", PromptSpec.TraceFormat.BURSTGPT));
        assertTrue(b.getMessage().contains("b.csv: record 1 after the header"), b.getMessage());
        WorkloadException a = assertThrows(WorkloadException.class, () -> read(dir, "a.csv",
                "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,5,1\nyesterday,5,1\n", PromptSpec.TraceFormat.AZURE));
        assertTrue(a.getMessage().contains("a.csv: record 2 after the header: TIMESTAMP"), a.getMessage());
        WorkloadException col = assertThrows(WorkloadException.class, () -> read(dir, "c.csv",
                "Timestamp,Request tokens\n1,5\n", PromptSpec.TraceFormat.BURSTGPT));
        assertTrue(col.getMessage().endsWith("record 1 after the header: Response tokens: missing"), col.getMessage());
    }
}
