package io.hybench.calibrate.collect.grade;

import io.hybench.calibrate.collect.prompts.PromptTemplate;
import io.hybench.calibrate.collect.questions.Question;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text graded by a model: the judge prompt gets the question, the reference and the candidate
 * (the extracted answer, or the whole reply when none was marked) and must say CORRECT or INCORRECT.
 * {@code ask} sends a prompt to the judge target and returns its reply; it throws
 * {@link JudgeUnavailableException} when the judge could not be asked, so the row is retried on the next run
 * rather than graded. A reply without a verdict grades the answer wrong and is counted by the caller
 * through {@link #verdict}.
 */
public record JudgeGrader(PromptTemplate template, Function<String, String> ask) implements Grader {
    private static final Pattern VERDICT = Pattern.compile("(?i)\\b(INCORRECT|CORRECT)\\b");

    @Override
    public Grade grade(Question q, String reply) {
        Optional<Extraction> e = TextExtractor.extract(reply);
        String candidate = e.map(Extraction::answer).orElse(reply.strip());
        if (candidate.isEmpty()) return Grade.unparseableResponse();
        String prompt = template.render(Map.of("question", q.text(), "reference", q.gold(), "candidate", candidate));
        boolean correct = verdict(ask.apply(prompt)).orElse(false);
        int start = e.map(Extraction::start).orElse(-1), end = e.map(Extraction::end).orElse(-1);
        return new Grade(TextExtractor.normalise(candidate), correct, false, start, end, false);
    }

    /** CORRECT or INCORRECT, the first one the judge wrote; empty when it wrote neither. */
    public static Optional<Boolean> verdict(String judgeReply) {
        Matcher m = VERDICT.matcher(judgeReply);
        if (!m.find()) return Optional.empty();
        return Optional.of(m.group(1).toUpperCase(Locale.ROOT).equals("CORRECT"));
    }
}
