package io.hybench.reports.pages;

import io.hybench.bench.results.SessionSummary;

import java.util.Objects;

/**
 * One turn of a multi-turn run at one step, from {@code sessions.json}: how TTFT and the cached share of prompt tokens
 * move as the conversation grows.
 *
 * @param load the step's load level
 * @param turn the turn's figures (docs/metrics.md, "Multi-turn sessions")
 */
public record SessionTurnRow(double load, SessionSummary.Turn turn) {
    public SessionTurnRow {
        Objects.requireNonNull(turn, "turn");
    }
}
