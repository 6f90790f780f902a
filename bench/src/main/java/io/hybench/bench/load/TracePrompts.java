package io.hybench.bench.load;

import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Prompts synthesised to a trace's lengths, handed out in the trace's (arrival) order: the i-th prompt of a stream
 * is the trace's i-th request, of its traced input length in words (about one token each, as
 * {@link SyntheticPrompts}) asking for its traced output length. Where the trace gives hash ids, token position p
 * of the prompt lies in block p / blockTokens, whose text is a function of the stream's seed and that block's hash
 * id only: requests whose hash ids repeat share the same text up to the first differing block, as the traced
 * requests shared a prefix. Positions past the listed blocks, and traces without hash ids, get words of their own.
 */
final class TracePrompts implements PromptSource {
    private static final long BLOCK_SALT = 0x7ACEB10CL;
    private static final long OWN_SALT = 0x7ACE0417L;

    private final TraceFile trace;
    private final int blockTokens;

    TracePrompts(TraceFile trace, int blockTokens) {
        this.trace = trace;
        this.blockTokens = blockTokens;
    }

    TraceFile trace() {
        return trace;
    }

    @Override
    public PromptStream stream(long seed) {
        return new PromptStream() {
            private int next;

            @Override
            public Prompt next() {
                if (next == trace.entries().size()) throw new IllegalStateException("the trace has only " + next + " requests");
                int index = next++;
                return prompt(trace.entries().get(index), index, seed);
            }
        };
    }

    private Prompt prompt(TraceEntry e, int index, long seed) {
        StringJoiner text = new StringJoiner(" ");
        int position = 0;
        for (long hashId : e.hashIds()) {
            if (position == e.inputTokens()) break;
            int n = Math.min(blockTokens, e.inputTokens() - position);
            // A block's first n words are the same whatever n is, so a shorter last block is a prefix of the full one.
            text.add(SyntheticPrompts.words(new SplittableRandom(Seeds.derive(seed, BLOCK_SALT, hashId)), n));
            position += n;
        }
        if (position < e.inputTokens()) {
            text.add(SyntheticPrompts.words(new SplittableRandom(Seeds.derive(seed, OWN_SALT, index)), e.inputTokens() - position));
        }
        return new Prompt(text.toString(), e.outputTokens(), null, Long.toString(e.line()));
    }
}
