package io.hybench.calibrate.collect.prompts;

import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionKind;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The prompt for each question kind and the judge's prompt. Every kind's prompt asks for an
 * "Answer: ..." line (what the graders look for first) and a "Confidence: 0-100" line (the verbalised
 * confidence signal), in that order, so the answer's tokens come before the rating's.
 */
public record PromptSet(PromptTemplate multipleChoice, PromptTemplate numeric, PromptTemplate freeText, PromptTemplate judge) {

    private static final String CONFIDENCE_LINE =
            "Then, on its own line, write \"Confidence: N\" where N from 0 to 100 is how likely you think your answer is correct.";

    public static final PromptTemplate MC_V1 = new PromptTemplate("mc/v1", """
            Answer the following multiple-choice question.

            {question}

            {options}

            Reply with the letter of the correct option on a line of the form "Answer: X".
            """ + CONFIDENCE_LINE);

    public static final PromptTemplate NUMERIC_V1 = new PromptTemplate("numeric/v1", """
            Solve the following problem.

            {question}

            End with a line of the form "Answer: N" where N is the final number alone, without units.
            """ + CONFIDENCE_LINE);

    public static final PromptTemplate TEXT_V1 = new PromptTemplate("text/v1", """
            Answer the following question briefly.

            {question}

            End with a line of the form "Answer: ..." holding only your final answer.
            """ + CONFIDENCE_LINE);

    public static final PromptTemplate JUDGE_V1 = new PromptTemplate("judge/v1", """
            You are grading an answer to a question against a reference answer.

            Question: {question}
            Reference answer: {reference}
            Candidate answer: {candidate}

            Does the candidate answer mean the same as the reference answer? Reply with exactly one word: CORRECT or INCORRECT.""");

    public static final PromptSet V1 = new PromptSet(MC_V1, NUMERIC_V1, TEXT_V1, JUDGE_V1);

    public PromptTemplate forKind(QuestionKind kind) {
        return switch (kind) {
            case MULTIPLE_CHOICE -> multipleChoice;
            case NUMERIC -> numeric;
            case FREE_TEXT -> freeText;
        };
    }

    public String render(Question q) {
        String options = IntStream.range(0, q.options().size())
                .mapToObj(i -> Question.letter(i) + ". " + q.options().get(i))
                .collect(Collectors.joining("\n"));
        return forKind(q.kind()).render(Map.of("question", q.text(), "options", options));
    }

    public List<PromptTemplate> all() {
        return List.of(multipleChoice, numeric, freeText, judge);
    }
}
