package io.hybench.emulator.answer;

/**
 * What the model answers to one request for a keyed question.
 *
 * @param question       the question's id
 * @param confidence     the stated confidence c (a multiple of 0.01 in [0.02, 0.99])
 * @param correct        whether {@code answer} is the gold answer
 * @param answer         the answer given: a letter, a number or a text
 * @param alternative    the answer the model weighed against it (numeric and text: listed in top_logprobs at
 *                       probability 1 − c); null for multiple choice, where the other letters share 1 − c
 * @param workingTokens  filler tokens before the answer line
 * @param textKey        selects the filler words
 */
public record AnswerDraw(String question, double confidence, boolean correct, String answer, String alternative,
                         int workingTokens, long textKey) {
}
