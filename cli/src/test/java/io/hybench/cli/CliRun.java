package io.hybench.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One {@code hybench} command line run in-process, as the tests of the commands see it. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Hybench.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
