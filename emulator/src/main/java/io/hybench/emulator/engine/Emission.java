package io.hybench.emulator.engine;

/**
 * What an engine tells a request's writer, in order. Times are loop nanoseconds and may lie in the
 * future: an engine announces a step's tokens when the step starts, and the writer waits for them.
 */
public sealed interface Emission {
    long atNanos();

    /**
     * The request got past admission; streaming responses may send their headers now. {@code cache} is what the
     * prompt cache does for it when the engine decides that at admission (cloud APIs, whose first event reports
     * it: Anthropic's {@code message_start}); null when it is known only with the completion.
     */
    record Accepted(long atNanos, CacheUse cache) implements Emission {
        public Accepted(long atNanos) {
            this(atNanos, null);
        }
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
