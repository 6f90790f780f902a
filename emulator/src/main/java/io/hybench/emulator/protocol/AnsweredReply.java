package io.hybench.emulator.protocol;

import io.hybench.emulator.answer.AnswerDraw;
import io.hybench.emulator.answer.AnswerKey;

import java.util.ArrayList;
import java.util.List;

/**
 * The reply to a keyed question: the model's working (generated words), then {@code Answer: X} and
 * {@code Confidence: N} lines. The answer is one token with logprob ln c; for multiple choice the other
 * option letters share 1 − c among the alternatives, for numbers and texts the answer weighed against it
 * has 1 − c (only those are listed at the answer; other tokens list vocabulary words as alternatives,
 * far less likely). Past the reply (ignore_eos, min_tokens) the model rambles on in generated words.
 */
final class AnsweredReply implements Reply {
    /** Logprob of the fixed tokens around the answer: near-certain, as a model that follows the format. */
    private static final double FORMAT_LOGPROB = -0.0001;

    private final TokenText text;
    private final AnswerDraw draw;
    private final List<List<TokenText.Candidate>> tail = new ArrayList<>();
    private final int answerIndex;

    AnsweredReply(TokenText text, AnswerKey.Entry question, AnswerDraw draw) {
        this.text = text;
        this.draw = draw;
        int w = draw.workingTokens();
        if (w > 0) fixed("\n");
        fixed("Answer");
        fixed(":");
        answerIndex = w + tail.size();
        tail.add(answerCandidates(question, draw));
        fixed("\n");
        fixed("Confidence");
        fixed(":");
        fixed(" " + Math.round(draw.confidence() * 100));
    }

    private void fixed(String token) {
        tail.add(List.of(new TokenText.Candidate(token, FORMAT_LOGPROB)));
    }

    private static List<TokenText.Candidate> answerCandidates(AnswerKey.Entry q, AnswerDraw d) {
        List<TokenText.Candidate> out = new ArrayList<>();
        out.add(new TokenText.Candidate(" " + d.answer(), Math.log(d.confidence())));
        if (q.kind() == AnswerKey.Kind.MULTIPLE_CHOICE) {
            int n = q.options().size();
            double rest = Math.log((1 - d.confidence()) / (n - 1));
            for (int i = 0; i < n; i++) {
                String letter = String.valueOf((char) ('A' + i));
                if (!letter.equals(d.answer())) out.add(new TokenText.Candidate(" " + letter, rest));
            }
        } else {
            out.add(new TokenText.Candidate(" " + d.alternative(), Math.log(1 - d.confidence())));
        }
        return out;
    }

    /** Tokens of the reply proper (working, answer and confidence lines). */
    int size() {
        return draw.workingTokens() + tail.size();
    }

    /** Position of the answer token. */
    int answerIndex() {
        return answerIndex;
    }

    @Override
    public String token(int index) {
        return candidates(index, 1).get(0).text();
    }

    @Override
    public List<TokenText.Candidate> candidates(int index, int top) {
        int w = draw.workingTokens();
        if (index < w) return text.candidates(draw.textKey(), index, top);
        if (index < size()) {
            List<TokenText.Candidate> c = tail.get(index - w);
            if (c.size() == 1) return text.withAlternatives(c.get(0), draw.textKey(), index, top);
            return c.subList(0, Math.min(Math.max(1, top), c.size()));
        }
        return text.candidates(draw.textKey(), index, top); // after the reply: more words
    }
}
