package io.hybench.cli.progress;

import java.io.Console;

/** Whether progress bars may draw: their {@code \r} frames belong on a terminal, never in a log file or pipe. */
public final class Terminals {
    private Terminals() {
    }

    /** Whether the console is an interactive terminal and the user did not ask for no progress. */
    public static boolean drawProgress(boolean noProgress) {
        if (noProgress || "dumb".equals(System.getenv("TERM"))) return false;
        Console c = System.console();
        if (c == null) return false;
        try {
            // JDK 22+ returns a Console even when the streams are redirected; isTerminal() tells.
            return (boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }
}
