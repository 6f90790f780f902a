package io.hybench.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A disk that fills while a result file is written: the write fails with the device's ENOSPC, names the file,
 * leaves no {@code .tmp} debris and keeps what was already written. {@code /dev/full} answers every write with
 * ENOSPC, so pointing the temporary file at it is a full disk without mounting one.
 */
class RunFolderDiskFullTest {
    @Test
    void aFullDiskFailsTheWriteCleanlyAndKeepsWhatWasWritten(@TempDir Path results) throws IOException {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.isWritable(devFull), "needs /dev/full (Linux)");
        RunFolder folder = RunFolder.create(results, "run");
        folder.writeWorkload("name: kept\n");
        Files.createSymbolicLink(folder.dir().resolve(RunFolder.WORKLOAD + ".tmp"), devFull);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> folder.writeWorkload("name: lost\n"));

        assertTrue(e.getMessage().startsWith("cannot write " + folder.dir().resolve(RunFolder.WORKLOAD)), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("No space left on device"), e.getCause().getMessage());
        assertEquals("name: kept\n", Files.readString(folder.dir().resolve(RunFolder.WORKLOAD)), "the earlier file survives");
        try (Stream<Path> files = Files.list(folder.dir())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no half-written debris");
        }
    }
}
