package io.hybench.emulator.engine;

import java.util.List;

/** How a cloud API is asked to cache a prompt, read from the request by its front end. */
public sealed interface CacheMarks {
    /** OpenAI: every prompt is a candidate, no marks needed (prompts of at least 1,024 tokens; hits in 128-token steps). */
    record Automatic() implements CacheMarks {
    }

    /**
     * Anthropic: the prefix up to each {@code cache_control} block is cached; a lookup checks the block boundaries
     * up to 20 before each breakpoint.
     *
     * @param blockEnds   token offsets where the prompt's content blocks end, ascending
     * @param breakpoints the blocks marked {@code cache_control}, in prompt order
     */
    record Explicit(int[] blockEnds, List<Breakpoint> breakpoints) implements CacheMarks {
        public Explicit {
            blockEnds = blockEnds.clone();
            breakpoints = List.copyOf(breakpoints);
        }

        int blockEnd(int i) {
            return blockEnds[i];
        }

        int blocks() {
            return blockEnds.length;
        }
    }

    /**
     * @param tokens  the prefix's length: everything up to and including the marked block
     * @param oneHour {@code "ttl": "1h"}; otherwise the default 5 minutes
     */
    record Breakpoint(int tokens, boolean oneHour) {
    }
}
