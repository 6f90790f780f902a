package io.hybench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring itself is tested in bench-tools (TruthScoreTest); here, what the command says on bad input. */
class ScoreCommandTest {
    @Test
    void aFolderThatIsNoRunIsOneLineAndExitCode2(@TempDir Path dir) {
        CliRun o = CliRun.of("score", "--truth", dir.resolve("truth.jsonl").toString(), "--run", dir.toString());
        assertEquals(2, o.code());
        assertEquals("hybench score: " + dir + ": no clock.json (runs from before result folders recorded their clock cannot be scored)",
                o.err().strip());
    }

    @Test
    void aBugOfOursIsAnInternalErrorNotBadInput(@TempDir Path dir) {
        CliRun o = CliRun.withBug("score", "--truth", dir.resolve("truth.jsonl").toString(), "--run", CliRun.BROKEN);
        assertEquals(1, o.code(), o.err());
        assertEquals(List.of(CliRun.bugLine("score")), o.errLines());
    }
}
