package io.hybench.emulator.truth;

import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TruthLogTest {
    /** One JSON object per line, each as the mapper writes that record on its own, however many drains it took. */
    @Test
    void aFileHoldsEachRecordOnItsOwnLineAsTheMapperWritesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.jsonl");
        List<TruthRecord> records = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            records.add(new TruthRecord(i / 10, "/v1/chat/completions", i % 10, "token", i % 10, 1_000L * i, 1_000L * i + 7,
                    i % 3 == 0 ? "stall" : null, i % 2 == 0 ? "run-s00-" + i : null));
        }
        try (TruthLog log = TruthLog.toFile(file)) {
            for (TruthRecord r : records) {
                log.record(r);
                if (r.request() == 50 && r.seq() == 0) Thread.sleep(450); // a drain or two mid-way
            }
        }
        List<String> expected = new ArrayList<>();
        for (TruthRecord r : records) expected.add(Json.MAPPER.writeValueAsString(r));
        assertEquals(expected, Files.readAllLines(file));
        assertEquals('\n', Files.readString(file).charAt(Files.readString(file).length() - 1), "the last line ends too");
    }
}
