package io.hybench.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The instant every shard of a run starts its first step, and this machine's clock offset as far as it can be
 * measured. From {@code --start-at} (a wall-clock instant given to every shard) or a start file on a volume the
 * shards share: the first shard to arrive creates it holding now + a delay, the others read it.
 *
 * @param at            the shared instant
 * @param clockOffsetMs this machine's wall clock minus the shared volume's, from the modification time the file
 *                      server gave a probe file; NaN when there is no shared volume to compare against
 * @param clockNote     how the offset was measured, or why not
 */
public record SharedStart(Instant at, double clockOffsetMs, String clockNote) {

    /** A wall-clock instant given on the command line; no shared volume, so no offset measurement. */
    public static SharedStart at(String isoInstant) {
        try {
            return new SharedStart(Instant.parse(isoInstant), Double.NaN,
                    "not measured: --start-at gives no shared clock to compare with; keep the machines on NTP");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start-at takes an ISO-8601 UTC instant such as 2026-12-02T14:00:00Z, was '" + isoInstant + "'");
        }
    }

    /**
     * Creates {@code file} holding now + {@code delay} unless it exists (atomically, so one shard wins), then reads
     * the instant from it and measures the clock offset against the file's volume.
     */
    public static SharedStart fromFile(Path file, Duration delay) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            try {
                Files.writeString(file, Instant.now().plus(delay) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // another shard wrote it first: its instant is the one
            }
            String text = readWhole(file);
            Instant at;
            try {
                at = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(file + ": a start file holds one ISO-8601 UTC instant, was '" + text + "'");
            }
            return new SharedStart(at, offsetMs(dir), "local wall clock minus the modification time " + dir
                    + " gave a probe file (file-server clock on a network volume; the same clock on a local one)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use start file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A start file is written in one call, but a reader may see it before its content: re-read until whole. */
    private static String readWhole(Path file) throws IOException {
        for (int i = 0; i < 100; i++) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.endsWith("\n")) return text.strip();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static double offsetMs(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".hybench-clock-", ".probe");
        try {
            long before = System.currentTimeMillis();
            Files.writeString(probe, "probe");
            long after = System.currentTimeMillis();
            long modified = Files.getLastModifiedTime(probe).toMillis();
            return (before + after) / 2.0 - modified;
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
