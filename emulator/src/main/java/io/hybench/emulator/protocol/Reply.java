package io.hybench.emulator.protocol;

import java.util.List;

/** The text of one response, token by token, with each position's logprob alternatives. */
interface Reply {
    /** The text of token {@code index}. */
    String token(int index);

    /** The sampled token first, then up to {@code top - 1} alternatives. */
    List<TokenText.Candidate> candidates(int index, int top);

    /** Tokens {@code 0..count-1} joined. */
    default String text(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.append(token(i));
        return sb.toString();
    }

    /** Generated words (docs/emulator.md): the text of a prompt the answer key does not hold. */
    record Generated(TokenText text, long key) implements Reply {
        @Override
        public String token(int index) {
            return text.token(key, index);
        }

        @Override
        public List<TokenText.Candidate> candidates(int index, int top) {
            return text.candidates(key, index, top);
        }
    }
}
