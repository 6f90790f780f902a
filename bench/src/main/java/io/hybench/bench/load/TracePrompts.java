package io.hybench.bench.load;

import java.util.SplittableRandom;

/**
 * Prompts synthesised to a trace's lengths, handed out in the trace's (arrival) order: the i-th prompt of a stream
 * is the trace's i-th request, of its traced input length in words (about one token each, as
 * {@link SyntheticPrompts}) asking for its traced output length. Where the trace gives hash ids, token position p
 * of the prompt lies in block p / blockTokens, whose text is a function of the stream's seed and that block's hash
 * id only: requests whose hash ids repeat share the same text up to the first differing block, as the traced
 * requests shared a prefix. Positions past the listed blocks, and traces without hash ids, get words of their own.
 * With a tokenizer every word is one token of it ({@link Tokenizer#oneTokenWords}), so each prompt is exactly its
 * traced input length in that tokenizer's tokens, each block exactly its share, and a request's {@code promptTokens}
 * says so beside the server's count.
 */
final class TracePrompts implements PromptSource {
    private static final long BLOCK_SALT = 0x7ACEB10CL;
    private static final long OWN_SALT = 0x7ACE0417L;

    private final TraceFile trace;
    private final int blockTokens;
    private final Tokenizer tokenizer;

    /** @param tokenizer makes the prompts token-exact; null for words of about one token each */
    TracePrompts(TraceFile trace, int blockTokens, Tokenizer tokenizer) {
        this.trace = trace;
        this.blockTokens = blockTokens;
        this.tokenizer = tokenizer;
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
        StringBuilder text = new StringBuilder();
        int position = 0;
        for (long hashId : e.hashIds()) {
            if (position == e.inputTokens()) break;
            int n = Math.min(blockTokens, e.inputTokens() - position);
            // A block's first n words are the same whatever n is, so a shorter last block is a prefix of the full one.
            words(text, new SplittableRandom(Seeds.derive(seed, BLOCK_SALT, hashId)), n);
            position += n;
        }
        if (position < e.inputTokens()) {
            words(text, new SplittableRandom(Seeds.derive(seed, OWN_SALT, index)), e.inputTokens() - position);
        }
        return new Prompt(text.toString(), e.outputTokens(), null, Long.toString(e.line()), null, tokenizer == null ? null : e.inputTokens());
    }

    /** Appends {@code n} words (tokens, with a tokenizer), after a space unless {@code text} is empty. */
    private void words(StringBuilder text, SplittableRandom random, int n) {
        if (tokenizer != null) text.append(tokenizer.oneTokenWords(random, n, !text.isEmpty()));
        else text.append(text.isEmpty() ? "" : " ").append(SyntheticPrompts.words(random, n));
    }
}
