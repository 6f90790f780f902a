package io.hybench.emulator.protocol;

import io.hybench.emulator.answer.AnswerDraw;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.answer.AnswerModel;
import io.hybench.emulator.answer.Sampling;
import io.hybench.emulator.profile.OutputParams;

/**
 * Chooses each request's text and length: the answer model's reply when the last user message is a
 * question in the answer key, generated words of a lognormal length otherwise.
 */
final class ReplyPlanner {
    /** The text, how it ends, and the answer drawn (null for generated text). */
    record Planned(Reply reply, OutputPlan plan, AnswerDraw answer) {
    }

    private final TokenText text;
    private final OutputParams output;
    private final AnswerKey key;
    private final AnswerModel model;

    /** {@code model} may be null only when {@code key} is empty. */
    ReplyPlanner(TokenText text, OutputParams output, AnswerKey key, AnswerModel model) {
        if (!key.isEmpty() && model == null) throw new IllegalArgumentException("an answer key needs an answer model");
        this.text = text;
        this.output = output;
        this.key = key;
        this.model = model;
    }

    Planned plan(EmulatedRequest r, long ordinal) throws ApiError {
        AnswerKey.Entry question = key.find(r.prompt().lastUserText());
        if (question == null) {
            long textKey = r.sampling().seed() != null ? r.sampling().seed() : ordinal;
            return new Planned(new Reply.Generated(text, textKey), OutputPlan.of(r, output, textKey), null);
        }
        AnswerDraw draw = model.draw(question, Sampling.of(r.sampling().temperature(), r.sampling().seed(), ordinal));
        AnsweredReply reply = new AnsweredReply(text, question, draw);
        return new Planned(reply, OutputPlan.forReply(r, output, reply.size()), draw);
    }
}
