package io.hybench.calibrate.collect.emulate;

import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.truth.TruthLog;

import java.util.List;

/**
 * An emulator that answers a question set: each question, rendered through the prompt templates
 * {@code collect} sends, becomes an entry of the emulator's answer key, so {@code collect} against it
 * gets answers with the accuracy and calibration curve of the profile's {@code answers} section
 * (docs/emulator.md, "Answer model"). For {@code hybench emulate --questions} and {@code hybench demo}.
 */
public final class AnsweringEmulator {
    private AnsweringEmulator() {
    }

    /**
     * The answer key of {@code questions} as {@code prompts} renders them. Difficulty labels must be
     * numbers (1 = easiest); a question without one counts as difficulty 1.
     */
    public static AnswerKey key(List<Question> questions, PromptSet prompts) {
        AnswerKey.Builder key = AnswerKey.builder();
        for (Question q : questions) {
            AnswerKey.Kind kind = switch (q.kind()) {
                case MULTIPLE_CHOICE -> AnswerKey.Kind.MULTIPLE_CHOICE;
                case NUMERIC -> AnswerKey.Kind.NUMERIC;
                case FREE_TEXT -> AnswerKey.Kind.TEXT;
            };
            key.add(prompts.render(q), new AnswerKey.Entry(q.id(), kind, q.options(), q.gold(), difficulty(q)));
        }
        return key.build();
    }

    private static double difficulty(Question q) {
        if (q.difficulty() == null || q.difficulty().isBlank()) return 1;
        try {
            return Double.parseDouble(q.difficulty().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(q.source() + ": difficulty '" + q.difficulty() + "' of question " + q.id()
                    + " is not a number; the emulator's answer model needs numeric difficulties (1 = easiest) or none");
        }
    }

    /**
     * Starts an emulator of {@code profile} on loopback ({@code port} 0: any free port) that answers
     * {@code questions} as {@code collect} asks them with {@link PromptSet#V1}; the truth log gets an
     * answer record per delivered answer. The profile needs an {@code answers} section (the built-in ones have one).
     */
    public static Emulator start(EmulatorProfile profile, int port, long seed, TruthLog truth, List<Question> questions) {
        return Emulator.start(profile, port, seed, truth, key(questions, PromptSet.V1));
    }
}
