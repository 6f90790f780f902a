package io.hybench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exception mapper: input the user can fix is one line and exit 2; a bug of ours, including the JDK's
 * IllegalArgumentExceptions that our code provokes (hybench report once said "Infinite or NaN", exit 2, for a
 * chart that formatted NaN), is exit 1 with "internal error" and a stack trace under --verbose.
 */
class FailuresTest {
    @Command(name = "t")
    static final class Failing implements Callable<Integer> {
        private final RuntimeException failure;

        @Option(names = "--verbose")
        boolean verbose;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private static CliRun run(RuntimeException failure, String... args) {
        CommandLine cl = new CommandLine(new Failing(failure));
        Failures failures = new Failures();
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void aNumberFormattedFromNaNIsAnInternalErrorWithATraceUnderVerbose() {
        NumberFormatException nan = assertThrows(NumberFormatException.class, () -> new BigDecimal(Double.NaN));
        CliRun quiet = run(nan);
        assertEquals(1, quiet.code(), quiet.err());
        assertEquals(List.of("t: internal error: Infinite or NaN; rerun with --verbose for the stack trace"), quiet.err().strip().lines().toList());
        CliRun verbose = run(nan, "--verbose");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("java.lang.NumberFormatException: Infinite or NaN") && verbose.err().contains("\tat "), verbose.err());
    }

    @Test
    void aBadFormatStringIsInternal() {
        IllegalFormatException bad = assertThrows(IllegalFormatException.class, () -> String.format("%d", "x"));
        assertEquals(Failures.FAILED, Failures.exitCode(bad));
    }

    @Test
    void badInputStaysOneLineWithExitTwo() {
        CliRun plain = run(new IllegalArgumentException("runs/a/summary.json: summary.json format 9 is newer than this hybench"));
        assertEquals(2, plain.code());
        assertEquals(List.of("t: runs/a/summary.json: summary.json format 9 is newer than this hybench"), plain.err().strip().lines().toList());
        assertFalse(plain.err().contains("internal error"), plain.err());
        // a reader that names the file and line around the user's bad number: still bad input
        IllegalArgumentException wrapped = new IllegalArgumentException("scores.csv:3: field 'score': not a number: x",
                assertThrows(NumberFormatException.class, () -> Double.parseDouble("x")));
        assertEquals(Failures.BAD_INPUT, Failures.exitCode(wrapped));
    }

    /** A reader that rethrows its cause's exception under its own type, message unchanged (as report does a workload's). */
    @Test
    void aWrapperRepeatingItsCausesMessageAddsNothingToTheLine() {
        String line = "runs/a/workload.resolved.yaml:22:2: load: while parsing a flow sequence";
        CliRun r = run(new IllegalArgumentException(line, new IllegalStateException(line, new IllegalStateException(line))));
        assertEquals(List.of("t: " + line), r.err().strip().lines().toList());
    }
}
