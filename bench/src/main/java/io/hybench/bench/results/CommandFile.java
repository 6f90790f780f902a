package io.hybench.bench.results;

import io.hybench.bench.client.ApiKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code command.txt}: the command line that wrote an output folder, as one POSIX shell line that
 * starts in the directory it ran from, so a report can say exactly how to reproduce its numbers.
 */
public final class CommandFile {
    public static final String NAME = "command.txt";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CommandFile() {
    }

    /**
     * The shell line for {@code program args...} run in {@code workingDir}: {@code cd DIR && program args}.
     * Arguments are quoted where the shell would otherwise split or expand them.
     */
    public static String line(Path workingDir, String program, List<String> args) {
        return "cd " + quote(workingDir.toAbsolutePath().normalize().toString()) + " && " + join(program, args);
    }

    /** {@code program args...} as a shell command, each argument quoted where needed, keys in URLs redacted. */
    public static String join(String program, List<String> args) {
        return args.stream().map(ApiKey::redactUrls).map(CommandFile::quote).collect(Collectors.joining(" ", program + (args.isEmpty() ? "" : " "), ""));
    }

    /** Writes {@link #line} of a command run in the current directory into {@code dir/command.txt}. */
    public static void write(Path dir, String program, List<String> args) {
        Path file = dir.resolve(NAME);
        try {
            Files.writeString(file, line(Path.of(""), program, args) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The recorded command line, empty when the folder has none (written by an older hybench or by code). */
    public static Optional<String> read(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** POSIX single-quoting: inside single quotes nothing is special, and a quote is written '\''. */
    static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
