package io.hybench.bench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.bench.metrics.StepStats;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code sessions.json} of a multi-turn run: per step and turn, how TTFT grows with the context, and per
 * session, how long it took. Computed from the measured (non-warm-up) request lines that name a session.
 *
 * @param turns    one row per step and turn
 * @param sessions one row per session
 */
public record SessionSummary(List<Turn> turns, List<Session> sessions) {

    /**
     * @param step            step index
     * @param target          target name
     * @param turn            turn number (1 = first)
     * @param requests        turns of this number sent
     * @param failed          of those, failed
     * @param inputTokensMean mean server-reported prompt tokens of the succeeded ones (the context length); NaN when none reported
     * @param ttftMs          TTFT of the succeeded ones ({@link Metrics#ttftNanos})
     * @param cachedInputShare cached share of prompt tokens of the succeeded ones ({@link Metrics#cachedInputShare}); null, and
     *                        absent from sessions.json, when none reported cached tokens
     */
    public record Turn(int step, String target, int turn, long requests, long failed, double inputTokensMean, Percentiles ttftMs,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Double cachedInputShare) {
    }

    /**
     * @param step        step index
     * @param target      target name
     * @param id          the session's id
     * @param turns       turns sent
     * @param complete    all its turns were sent and none failed (false: cut by a failure or by the step's end)
     * @param durationMs  from its first turn's intended send to its last turn's end
     */
    public record Session(int step, String target, String id, int turns, boolean complete, double durationMs) {
    }

    /** The summary of {@code lines} for sessions of {@code turnsPerSession} turns. */
    public static SessionSummary of(List<RequestLine> lines, int turnsPerSession) {
        Map<List<Object>, List<RequestLine>> byTurn = new TreeMap<>(KEY_ORDER);
        Map<String, List<RequestLine>> bySession = new LinkedHashMap<>();
        for (RequestLine l : lines) {
            if (l.warmup() || l.session() == null) continue;
            byTurn.computeIfAbsent(List.of(l.step(), l.record().to().target(), l.session().turn()), k -> new ArrayList<>()).add(l);
            bySession.computeIfAbsent(l.session().id(), k -> new ArrayList<>()).add(l);
        }
        List<Turn> turns = new ArrayList<>();
        byTurn.forEach((key, ls) -> turns.add(turn((int) key.get(0), (String) key.get(1), (int) key.get(2), ls)));
        List<Session> sessions = new ArrayList<>();
        bySession.forEach((id, ls) -> sessions.add(session(id, ls, turnsPerSession)));
        sessions.sort(Comparator.comparingInt(Session::step).thenComparing(Session::id));
        return new SessionSummary(turns, sessions);
    }

    private static final Comparator<List<Object>> KEY_ORDER = Comparator.<List<Object>>comparingInt(k -> (int) k.get(0))
            .thenComparing(k -> (String) k.get(1)).thenComparingInt(k -> (int) k.get(2));

    private static Turn turn(int step, String target, int turn, List<RequestLine> ls) {
        Histogram ttft = new Histogram(3);
        long failed = 0, inputTokens = 0, withInput = 0;
        StepStats.PromptCache cache = StepStats.PromptCache.NONE;
        for (RequestLine l : ls) {
            if (!l.record().succeeded()) {
                failed++;
                continue;
            }
            cache = cache.plus(l.record().tokens());
            Metrics.ttftNanos(l.record()).ifPresent(ttft::recordValue);
            if (l.record().tokens().inputTokens() != null) {
                inputTokens += l.record().tokens().inputTokens();
                withInput++;
            }
        }
        return new Turn(step, target, turn, ls.size(), failed, withInput == 0 ? Double.NaN : (double) inputTokens / withInput,
                Metrics.percentiles(ttft), Metrics.cachedInputShare(cache));
    }

    private static Session session(String id, List<RequestLine> ls, int turnsPerSession) {
        RequestLine first = ls.stream().min(Comparator.comparingInt(l -> l.session().turn())).orElseThrow();
        long end = ls.stream().mapToLong(l -> l.record().timeline().endNanos()).max().orElseThrow();
        boolean complete = ls.size() == turnsPerSession && ls.stream().allMatch(l -> l.record().succeeded());
        return new Session(first.step(), first.record().to().target(), id, ls.size(), complete,
                (end - first.record().timeline().intendedSendNanos()) / 1e6);
    }
}
