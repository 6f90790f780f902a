package io.hybench.bench.load;

import java.util.SplittableRandom;

/**
 * Prompts for a run. Each virtual user (closed loop) or each step's dispatcher (open loop) draws from
 * its own stream, seeded from the run's seed, so the prompts sent do not depend on thread timing.
 */
public interface PromptSource {

    /** A new independent sequence of prompts determined by {@code seed}; not thread-safe. */
    PromptStream stream(long seed);

    interface PromptStream {
        Prompt next();

        /** The response to the last prompt drawn (null when it was never sent); a session's next turn holds it. */
        default void replied(io.hybench.bench.client.RequestRecord record) {
        }
    }

    /**
     * Opens the source a workload describes (reads and validates a prompt file up front); {@code seed} is the
     * workload's, from which shared system prompts are drawn; {@code chat} whether requests go to a chat endpoint.
     */
    static PromptSource of(PromptSpec spec, long seed, boolean chat) {
        return switch (spec) {
            case PromptSpec.Synthetic s -> new SyntheticPrompts(s);
            case PromptSpec.File f -> new FilePrompts(PromptFileReader.read(f), f.defaultMaxTokens());
            case PromptSpec.Trace t -> new TracePrompts(TraceFile.read(t), t.blockTokens(), t.tokenizer());
            case PromptSpec.Sessions s -> new SessionPrompts(s, seed, chat);
        };
    }

    /** Prompt lines read from a file, drawn uniformly at random (with replacement) per stream. */
    record FilePrompts(java.util.List<Prompt> prompts, Integer defaultMaxTokens) implements PromptSource {
        public FilePrompts {
            prompts = java.util.List.copyOf(prompts);
            if (prompts.isEmpty()) throw new IllegalArgumentException("prompt file has no prompts");
        }

        @Override
        public PromptStream stream(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            return () -> {
                Prompt p = prompts.get(random.nextInt(prompts.size()));
                return p.maxTokens() != null || defaultMaxTokens == null ? p : p.withMaxTokens(defaultMaxTokens);
            };
        }
    }
}
