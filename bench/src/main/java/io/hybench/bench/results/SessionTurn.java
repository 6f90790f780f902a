package io.hybench.bench.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * Where a request stands in a multi-turn session (prompts of kind {@code sessions}).
 *
 * @param id          the session's id, unique in the run (step, owner, count)
 * @param turn        1 for the session's first request; its prompt holds every earlier turn
 * @param group       the shared system prompt's group, null when the sessions have none
 * @param thinkTimeMs the pause before this turn was sent, after the previous turn's response ended (0 for turn 1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionTurn(String id, int turn, Integer group, long thinkTimeMs) {
    public SessionTurn {
        Objects.requireNonNull(id, "id");
        if (turn < 1) throw new IllegalArgumentException("turn must be >= 1, was " + turn);
        if (thinkTimeMs < 0) throw new IllegalArgumentException("thinkTimeMs must be >= 0, was " + thinkTimeMs);
    }
}
