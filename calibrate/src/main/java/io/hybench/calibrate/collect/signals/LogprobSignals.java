package io.hybench.calibrate.collect.signals;

import io.hybench.bench.client.TokenLogprob;
import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signals from the per-token logprobs of the reply. The tokens must spell the reply exactly; the
 * answer's tokens are those overlapping the graded answer's character span. For multiple choice the
 * first answer token that is the chosen letter is the decision point: each option letter's probability
 * there is the sum of exp(logprob) over the returned alternatives that are that letter (with or
 * without surrounding spaces, brackets or a full stop), and the chosen letter's share of the options'
 * total is {@link Signal#CHOICE_PROBABILITY}. Letters the server did not list get no mass: with
 * top_logprobs = k the renormalisation is over the options among the top k.
 */
public final class LogprobSignals {
    private LogprobSignals() {
    }

    public static SignalValues of(Question q, String reply, Grade grade, List<TokenLogprob> tokens) {
        SignalValues out = new SignalValues();
        List<Signal> all = List.of(Signal.MEAN_LOGPROB, Signal.MIN_LOGPROB, Signal.CHOICE_PROBABILITY, Signal.CHOICE_MARGIN);
        if (tokens.isEmpty()) return absentAll(out, all, "the target returned no logprobs");
        if (grade.unparseable() || grade.start() < 0) return absentAll(out, all, "no answer found in the reply");
        List<Integer> span = covering(tokens, reply, grade.start(), grade.end());
        if (span == null) return absentAll(out, all, "the logprob tokens do not spell the reply");
        if (span.isEmpty()) return absentAll(out, all, "no token covers the answer");
        double sum = 0, min = Double.POSITIVE_INFINITY;
        for (int i : span) {
            double lp = tokens.get(i).logprob();
            sum += lp;
            min = Math.min(min, lp);
        }
        out.put(Signal.MEAN_LOGPROB, sum / span.size()).put(Signal.MIN_LOGPROB, min);
        if (q.kind() != QuestionKind.MULTIPLE_CHOICE) {
            return absentAll(out, List.of(Signal.CHOICE_PROBABILITY, Signal.CHOICE_MARGIN), "not a multiple-choice question");
        }
        if (!grade.asLetter()) {
            return absentAll(out, List.of(Signal.CHOICE_PROBABILITY, Signal.CHOICE_MARGIN), "the answer was given as option text, not a letter");
        }
        TokenLogprob decision = span.stream().map(tokens::get).filter(t -> grade.answer().equals(letterOf(t.token(), q.options().size())))
                .findFirst().orElse(null);
        if (decision == null) return absentAll(out, List.of(Signal.CHOICE_PROBABILITY, Signal.CHOICE_MARGIN), "the answer letter is not a token of its own");
        if (decision.topLogprobs().isEmpty()) return absentAll(out, List.of(Signal.CHOICE_PROBABILITY, Signal.CHOICE_MARGIN), "the target returned no top_logprobs");
        double[] p = optionProbabilities(decision, q.options().size());
        double total = Arrays.stream(p).sum();
        int chosen = grade.answer().charAt(0) - 'A';
        double[] sorted = Arrays.stream(p).map(v -> v / total).sorted().toArray();
        out.put(Signal.CHOICE_PROBABILITY, p[chosen] / total);
        out.put(Signal.CHOICE_MARGIN, sorted[sorted.length - 1] - (sorted.length > 1 ? sorted[sorted.length - 2] : 0));
        return out;
    }

    /** Unnormalised probability of each option letter at the decision token (alternatives, plus the token itself if unlisted). */
    static double[] optionProbabilities(TokenLogprob decision, int optionCount) {
        Map<String, Double> byToken = new HashMap<>();
        decision.topLogprobs().forEach(a -> byToken.putIfAbsent(a.token(), a.logprob()));
        byToken.putIfAbsent(decision.token(), decision.logprob());
        double[] p = new double[optionCount];
        byToken.forEach((token, lp) -> {
            String letter = letterOf(token, optionCount);
            if (letter != null) p[letter.charAt(0) - 'A'] += Math.exp(lp);
        });
        return p;
    }

    /** The option letter a token stands for (" B", "B", "(B", "B.", "b"), or null. */
    static String letterOf(String token, int optionCount) {
        String t = token.strip();
        if (t.startsWith("(") || t.startsWith("[")) t = t.substring(1);
        if (t.endsWith(")") || t.endsWith("]") || t.endsWith(".") || t.endsWith(":")) t = t.substring(0, t.length() - 1);
        if (t.length() != 1 || !Character.isLetter(t.charAt(0))) return null;
        int index = Character.toUpperCase(t.charAt(0)) - 'A';
        return index >= 0 && index < optionCount ? String.valueOf((char) ('A' + index)) : null;
    }

    /**
     * The indices, in order, of the tokens overlapping the answer's characters {@code [start, end)} of the
     * reply they spell: the tokens {@link Signal#MEAN_LOGPROB} averages. Null when the tokens do not
     * spell the reply. hybench route scores a live answer with this too.
     */
    public static List<Integer> covering(List<TokenLogprob> tokens, String reply, int start, int end) {
        int[] starts = offsets(tokens, reply);
        if (starts == null) return null;
        List<Integer> span = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            int s = starts[i], e = starts[i] + tokens.get(i).token().length();
            if (s < end && e > start) span.add(i);
        }
        return span;
    }

    /** Start offset of each token in the reply, or null when the tokens do not spell it. */
    static int[] offsets(List<TokenLogprob> tokens, String reply) {
        int[] starts = new int[tokens.size()];
        int at = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).token();
            if (!reply.startsWith(t, at)) return null;
            starts[i] = at;
            at += t.length();
        }
        return at == reply.length() ? starts : null;
    }

    private static SignalValues absentAll(SignalValues out, List<Signal> signals, String reason) {
        signals.forEach(s -> out.absent(s, reason));
        return out;
    }
}
