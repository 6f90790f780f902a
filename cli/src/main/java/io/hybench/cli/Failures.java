package io.hybench.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.hybench.bench.load.WorkloadException;
import io.hybench.calibrate.data.DataFormatException;
import io.hybench.emulator.profile.ProfileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The command line's one exception mapper: every failure becomes one line on stderr naming the file,
 * line, column or field it can, and an exit code ({@link #BAD_INPUT} for input the user can fix,
 * {@link #FAILED} for a run that failed). Stack traces only with {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(prefix(cl) + firstLine(ex.getMessage()) + " (see: " + cl.getCommandSpec().qualifiedName() + " --help)");
        if (verbose(args)) ex.printStackTrace(err);
        err.flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        err.println(prefix(cl) + message(ex));
        if (verbose(parseResult.originalArgs().toArray(String[]::new))) ex.printStackTrace(err);
        err.flush();
        return exitCode(ex);
    }

    /** Bad input: the user's files, flags or environment, anywhere in the chain; everything else is a failed run. */
    static int exitCode(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ParameterException || t instanceof JsonProcessingException || t instanceof NoSuchFileException
                    || t instanceof BindException || t instanceof WorkloadException || t instanceof DataFormatException
                    || t instanceof ProfileException || (t instanceof IllegalArgumentException && !internal(t))) {
                return BAD_INPUT;
            }
        }
        return FAILED;
    }

    /**
     * A bug of ours, not the user's input: besides the usual runtime exceptions, the JDK's subclasses of
     * IllegalArgumentException that our own code provokes (a NaN given to BigDecimal, a bad format string or
     * pattern). Readers that parse the user's numbers wrap such an exception in one that names the file and line.
     */
    static boolean internal(Throwable t) {
        return t instanceof NullPointerException || t instanceof ClassCastException || t instanceof IndexOutOfBoundsException
                || t instanceof ArithmeticException || t instanceof NumberFormatException || t instanceof IllegalFormatException
                || t instanceof PatternSyntaxException;
    }

    /**
     * One line: the outermost message, with what its causes add. A wrapper that quotes its cause's
     * text (readers prefix the file and line to Jackson's reason) keeps its prefix and gets the
     * cause's reason in plain words instead of the quote.
     */
    static String message(Throwable ex) {
        String m = chain(ex, 0);
        if (m == null || m.isBlank()) {
            return "internal error (" + ex.getClass().getSimpleName() + "); rerun with --verbose for the stack trace";
        }
        return internal(ex) ? "internal error: " + m + "; rerun with --verbose for the stack trace" : m;
    }

    private static String chain(Throwable t, int depth) {
        Throwable cause = depth > 3 ? null : t.getCause();
        boolean plain = !(t instanceof JsonProcessingException || t instanceof FileSystemException || t instanceof BindException);
        String own = plain ? firstLine(t.getMessage()) : null;
        if (cause != null && own != null && own.equals(cause.toString())) own = null; // a wrapper repeating its cause
        if (own == null) {
            if (!plain || cause == null) return describe(t);
            return chain(cause, depth + 1);
        }
        if (cause == null) return scrub(own);
        String quoted = raw(cause);
        if (quoted != null && !quoted.isBlank() && own.contains(quoted)) {
            String prefix = scrub(own.substring(0, own.indexOf(quoted)));
            // The wrapper's file:line of a JSONL or CSV row beats Jackson's line 1 within that row.
            boolean located = prefix.matches(".*:\\d+:.*");
            String why = cause instanceof JsonProcessingException j && !located ? jackson(j, prefix) : reason(cause);
            return prefix.isEmpty() ? why : prefix + " " + why; // empty: a wrapper that only repeats its cause
        }
        String rest = chain(cause, depth + 1);
        return rest == null || scrub(own).contains(rest) ? scrub(own) : scrub(own) + ": " + rest;
    }

    /** The text of an exception as a wrapper would have quoted it. */
    private static String raw(Throwable t) {
        return firstLine(t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage());
    }

    /** An exception's reason alone, without the location a wrapper already gave. */
    private static String reason(Throwable t) {
        return scrub(raw(t));
    }

    private static String describe(Throwable t) {
        if (t instanceof JsonProcessingException j) return jackson(j, "");
        if (t instanceof NoSuchFileException f) return f.getFile() + ": no such file or folder";
        if (t instanceof AccessDeniedException a) return a.getFile() + ": permission denied";
        if (t instanceof FileSystemException f) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + (f.getReason() == null ? "file system error" : f.getReason());
        }
        if (t instanceof BindException b) return "cannot listen: " + firstLine(b.getMessage());
        return scrub(firstLine(t.getMessage()));
    }

    /** Jackson's message in the user's terms: file, line and column, the field path, and the reason without class names. */
    static String jackson(JsonProcessingException j, String alreadySaid) {
        StringBuilder b = new StringBuilder();
        JsonLocation loc = j.getLocation();
        if (loc != null) {
            Object src = loc.contentReference() == null ? null : loc.contentReference().getRawContent();
            if (src instanceof File f && !alreadySaid.contains(f.getPath())) b.append(f.getPath()).append(": ");
            if (loc.getLineNr() > 0) b.append("line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr()).append(": ");
        }
        if (j instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (!path.isEmpty()) b.append("field ").append(path).append(": ");
        }
        return b + reason(j);
    }

    /** Jackson's wording (creator properties, Java types, token names, source descriptions) in plain words. */
    private static final List<String[]> PLAIN = List.of(
            new String[] {" \\(token `?(?:JsonToken\\.)?[A-Z_]+`?\\)", ""},
            new String[] {"Unexpected end-of-input.*", "the file ends early (cut short?)"},
            new String[] {"(?:Null value for|Missing required) creator property '([^']*)'.*", "missing field '$1'"},
            new String[] {"Unrecognized field \"([^\"]*)\".*", "unknown field '$1'"},
            new String[] {"Cannot construct instance of [^,]*, problem: ", ""},
            new String[] {"Cannot (?:deserialize|coerce) value of type `?(?:java\\.lang\\.)?(?:double|Double|float|Float)`? from (.*?)(?: value)?(?: \\(token [A-Z_]+\\))?(?:;.*|$)", "expected a number, got $1"},
            new String[] {"Cannot (?:deserialize|coerce) value of type `?(?:java\\.lang\\.)?(?:int|Integer|long|Long)`? from (.*?)(?: value)?(?: \\(token [A-Z_]+\\))?(?:;.*|$)", "expected a whole number, got $1"},
            new String[] {"Cannot (?:deserialize|coerce) value of type `?(?:java\\.lang\\.)?String`? from (.*?)(?: value)?(?: \\(token [A-Z_]+\\))?(?:;.*|$)", "expected text, got $1"},
            new String[] {"Cannot (?:deserialize|coerce) value of type `?(?:[\\w$]+\\.)*([\\w$<>\\[\\]]+)`? from (.*?)(?: value)?(?: \\(token [A-Z_]+\\))?(?:;.*|$)", "expected $1, got $2"},
            new String[] {", not marked as ignorable.*", ""},
            new String[] {" \\(code \\d+\\)", ""},
            new String[] {" at \\[Source: .*", ""},
            new String[] {"\\s*\\(for (?:Object|POJO|record) starting at .*?\\)", ""},
            new String[] {"\\s*\\(class [\\w.$]+\\)", ""},
            new String[] {"`(?:[\\w$]+\\.)+([\\w$]+)`", "$1"});

    static String scrub(String m) {
        if (m == null) return null;
        String out = m;
        for (String[] r : PLAIN) out = out.replaceAll(r[0], r[1]);
        return out.trim();
    }

    private static String firstLine(String m) {
        if (m == null) return null;
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    private static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName() + ": ";
    }

    private static boolean verbose(String[] args) {
        for (String a : args) if (a.equals("--verbose")) return true;
        return false;
    }
}
