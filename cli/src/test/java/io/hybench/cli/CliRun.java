package io.hybench.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;

/** One {@code hybench} command line run in-process, as the tests of the commands see it. */
record CliRun(int code, String out, String err) {
    /** The path argument that {@link #withBug} makes throw. */
    static final String BROKEN = "broken-path";

    static CliRun of(String... args) {
        return run(Hybench.commandLine(), args);
    }

    /**
     * As {@link #of}, but the path given as {@link #BROKEN} throws {@code NumberFormatException("Infinite or NaN")} at its
     * first use, as {@code new BigDecimal(Double.NaN)} does: a bug of ours deep inside the command, which no input of the
     * user's provokes, yet an IllegalArgumentException that a command's catch for bad input could take for one.
     */
    static CliRun withBug(String... args) {
        Path broken = (Path) Proxy.newProxyInstance(Path.class.getClassLoader(), new Class<?>[] {Path.class}, (proxy, method, a) -> switch (method.getName()) {
            case "toString" -> BROKEN;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == a[0];
            default -> throw new NumberFormatException("Infinite or NaN");
        });
        CommandLine cl = Hybench.commandLine();
        cl.registerConverter(Path.class, text -> text.equals(BROKEN) ? broken : Path.of(text));
        return run(cl, args);
    }

    /** The one line {@link #withBug}'s bug gives under {@code command}: an internal error, not bad input. */
    static String bugLine(String command) {
        return "hybench " + command + ": internal error: Infinite or NaN; rerun with --verbose for the stack trace";
    }

    List<String> errLines() {
        return err.strip().lines().toList();
    }

    private static CliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
