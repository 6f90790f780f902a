package io.hybench.emulator.engine;

/**
 * What an engine tells a request's writer, in order. Times are loop nanoseconds and may lie in the
 * future: an engine announces a step's tokens when the step starts, and the writer waits for them.
 */
public sealed interface Emission {
    long atNanos();

    /** The request got past admission; streaming responses may send their headers now. */
    record Accepted(long atNanos) implements Emission {
    }

    /** Token {@code index} (0-based) is produced at {@code atNanos}. */
    record Token(int index, long atNanos) implements Emission {
    }

    /** The last token has been produced; timings for servers that report them (Ollama). */
    record Finished(long atNanos, Completion completion) implements Emission {
    }

    /** The request was refused before any output. */
    record Rejected(long atNanos, Rejection rejection) implements Emission {
    }
}
