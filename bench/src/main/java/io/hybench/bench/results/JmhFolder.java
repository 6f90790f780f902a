package io.hybench.bench.results;

import io.hybench.core.mapper.Json;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The folder one JMH suite run writes, {@code results/jmh-<suite>-<yyyyMMdd-HHmmss>/} (docs/results.md):
 * {@value #RESULTS} is JMH's own JSON result format, untouched; {@value #RUN} says how and where it was
 * measured. A report is built from these two files alone.
 */
public final class JmhFolder {
    /** JMH's JSON results ({@code -rf json}), as JMH writes them. */
    public static final String RESULTS = "jmh.json";
    /** {@link Run}: suite, command, times, load average, machine. */
    public static final String RUN = "run.json";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private JmhFolder() {
    }

    /**
     * How a suite was run.
     *
     * @param suite            suite name ({@code endpoint}, {@code harness})
     * @param command          the command line that reproduces the run
     * @param jmhArgs          the arguments passed on to JMH
     * @param startedAt        UTC start, ISO-8601
     * @param endedAt          UTC end, ISO-8601
     * @param loadAverageStart one-minute load average of the machine at the start, NaN where unavailable
     * @param loadAverageEnd   the same at the end: a busy machine makes every figure suspect
     * @param env              JVM, OS, CPU and the cores this process may use
     */
    public record Run(String suite, String command, List<String> jmhArgs, String startedAt, String endedAt,
                      double loadAverageStart, double loadAverageEnd, EnvInfo env) {
        public Run {
            jmhArgs = List.copyOf(jmhArgs);
        }
    }

    /** Creates {@code resultsDir/jmh-<suite>-<time>}; refuses an existing folder so no run overwrites another. */
    public static Path create(Path resultsDir, String suite, Instant start) {
        Path dir = resultsDir.resolve("jmh-" + suite + "-" + ID_TIME.format(start));
        try {
            Files.createDirectories(resultsDir);
            return Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalStateException("result folder already exists: " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create result folder " + dir, e);
        }
    }

    /** True when {@code dir} holds a JMH run (both files). */
    public static boolean isJmhFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(RESULTS)) && Files.isRegularFile(dir.resolve(RUN));
    }

    public static void writeRun(Path dir, Run run) {
        try {
            Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(RUN).toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(RUN), e);
        }
    }

    public static Run readRun(Path dir) {
        Path file = dir.resolve(RUN);
        try {
            return Json.MAPPER.readValue(file.toFile(), Run.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
