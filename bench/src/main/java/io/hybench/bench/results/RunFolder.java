package io.hybench.bench.results;

import io.hybench.core.mapper.Json;
import io.hybench.core.time.ClockAnchor;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The layout of one run's folder, {@code results/<run-id>/}, and the writers of its files. Reports
 * are built from these files alone ({@link ResultReader}); docs/results.md describes each.
 */
public final class RunFolder {
    public static final String WORKLOAD = "workload.resolved.yaml";
    public static final String ENV = "env.json";
    public static final String REQUESTS = "requests.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String SESSIONS = "sessions.json";
    public static final String CLOCK = "clock.json";
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** A run id: UTC start time then workload name, e.g. {@code 20261125-101500-chat-sweep}. */
    public static String newRunId(String workloadName, Instant start) {
        return RUN_ID_TIME.format(start) + "-" + workloadName;
    }

    /** Creates {@code resultsDir/runId}; refuses an existing folder so no run overwrites another. */
    public static RunFolder create(Path resultsDir, String runId) {
        Path dir = resultsDir.resolve(runId);
        try {
            Files.createDirectories(resultsDir);
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalStateException("result folder already exists: " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create result folder " + dir, e);
        }
        return new RunFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Deletes this folder and what was written into it: a run that this process began and could not finish. */
    public void discard() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished folder " + dir, e);
        }
    }

    public String runId() {
        return dir.getFileName().toString();
    }

    /** Interval-log file name of a step, e.g. {@code step-03-ollama-local.hlog}. */
    public static String hlogName(int step, String target) {
        return String.format(Locale.ROOT, "step-%02d-%s.hlog", step, target);
    }

    public void writeWorkload(String resolvedYaml) {
        writeAtomically(WORKLOAD, resolvedYaml);
    }

    public void writeEnv(EnvInfo env) {
        writeJson(ENV, env);
    }

    /** Where the run's clock (every {@code ...Nanos} time of its records) stands, for scoring against another process's log. */
    public void writeClock(ClockAnchor clock) {
        writeJson(CLOCK, clock);
    }

    /** Replaces summary.json atomically, so a reader never sees half a summary. */
    public void writeSummary(RunSummary summary) {
        writeJson(SUMMARY, summary);
    }

    /** Writes sessions.json (multi-turn runs only). */
    public void writeSessions(SessionSummary sessions) {
        writeJson(SESSIONS, sessions);
    }

    public RequestLog openRequestLog() {
        return new RequestLog(dir.resolve(REQUESTS));
    }

    private void writeJson(String name, Object value) {
        try {
            writeAtomically(name, Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAtomically(String name, String content) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + ".tmp");
        try {
            Files.writeString(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp); // a full disk leaves no half-written debris
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
