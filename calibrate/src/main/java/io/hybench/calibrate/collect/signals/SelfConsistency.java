package io.hybench.calibrate.collect.signals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Agreement of k sampled answers: the count of the most common extracted answer over k. Unparseable
 * samples (null) count in k but never form a majority, so a model that rarely answers scores low.
 */
public final class SelfConsistency {
    private SelfConsistency() {
    }

    public static double agreement(List<String> answers) {
        if (answers.isEmpty()) throw new IllegalArgumentException("no samples");
        Map<String, Integer> counts = new HashMap<>();
        answers.stream().filter(Objects::nonNull).forEach(a -> counts.merge(a, 1, Integer::sum));
        int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return (double) top / answers.size();
    }
}
