package io.hybench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** hybench merge's failures; merging real shards is ShardProcessesTest's. */
class MergeCommandTest {
    @Test
    void aBugOfOursIsAnInternalErrorWhileAFolderThatIsNoRunStaysBadInput(@TempDir Path dir) {
        CliRun bug = CliRun.withBug("merge", CliRun.BROKEN, "--out", dir.resolve("m").toString());
        assertEquals(1, bug.code(), bug.err());
        assertEquals(List.of(CliRun.bugLine("merge")), bug.errLines());
        CliRun bad = CliRun.of("merge", dir.resolve("nope").toString(), "--out", dir.resolve("m").toString());
        assertEquals(2, bad.code());
        assertEquals(List.of("hybench merge: not a run folder: " + dir.resolve("nope")), bad.errLines());
    }
}
