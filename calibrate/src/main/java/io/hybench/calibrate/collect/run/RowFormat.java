package io.hybench.calibrate.collect.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.core.mapper.Json;

import java.util.Map;

/**
 * One output row (docs/collect.md, "Output"): the question's fields, then per target, columns named
 * {@code <target>_<field>}. A signal that could not be computed has no column in that row; its reason
 * is under {@code <target>_missing_signals}.
 */
final class RowFormat {
    private RowFormat() {
    }

    static ObjectNode row(Question q, Map<CollectTarget, SideAnswer> answers, Map<String, ModelPrice> prices) {
        ObjectNode row = Json.MAPPER.createObjectNode();
        row.put("id", q.id());
        row.put("kind", q.kind().name());
        if (q.category() != null) row.put("category", q.category());
        if (q.difficulty() != null) row.put("difficulty", q.difficulty());
        row.put("question", q.text());
        row.put("gold", q.gold());
        answers.forEach((t, a) -> side(row, t.name() + "_", t, a, prices.get(t.name())));
        return row;
    }

    private static void side(ObjectNode row, String p, CollectTarget t, SideAnswer a, ModelPrice price) {
        row.put(p + "model", t.target().model());
        if (a.grade().answer() == null) row.putNull(p + "answer");
        else row.put(p + "answer", a.grade().answer());
        row.put(p + "correct", a.grade().correct());
        row.put(p + "unparseable", a.grade().unparseable());
        putTokens(row, p + "input_tokens", a.usage().inputTokens());
        putTokens(row, p + "output_tokens", a.usage().outputTokens());
        putCacheTokens(row, p, "", a.usage());
        row.put(p + "latency_ms", a.latencyMs());
        Double cost = a.usage().costUsd(price);
        if (cost != null) row.put(p + "cost_usd", cost);
        a.signals().values().forEach((s, v) -> row.put(p + s.column(), v));
        if (!a.signals().missing().isEmpty()) {
            ObjectNode missing = row.putObject(p + "missing_signals");
            a.signals().missing().forEach((s, why) -> missing.put(s.column(), why));
        }
        SideAnswer.Samples samples = a.samples();
        if (!samples.answers().isEmpty()) {
            var arr = row.putArray(p + "sample_answers");
            samples.answers().forEach(arr::add);
            putTokens(row, p + "sample_input_tokens", samples.usage().inputTokens());
            putTokens(row, p + "sample_output_tokens", samples.usage().outputTokens());
            putCacheTokens(row, p, "sample_", samples.usage());
            Double sampleCost = samples.usage().costUsd(price);
            if (sampleCost != null) row.put(p + "sample_cost_usd", sampleCost);
        }
        if (a.finishReason() != null) row.put(p + "finish_reason", a.finishReason());
        row.put(p + "reply", a.reply());
    }

    /** Prompt-cache reads and writes, only when the server reported some (rows of servers without a cache stay as they were). */
    private static void putCacheTokens(ObjectNode row, String p, String kind, SideAnswer.Usage u) {
        if (u.cachedInputTokens() > 0) row.put(p + kind + "cached_input_tokens", u.cachedInputTokens());
        if (u.cacheWriteInputTokens() > 0) row.put(p + kind + "cache_write_input_tokens", u.cacheWriteInputTokens());
    }

    private static void putTokens(ObjectNode row, String column, Integer v) {
        if (v == null) row.putNull(column);
        else row.put(column, v);
    }

    static String column(CollectTarget t, Signal s) {
        return t.name() + "_" + s.column();
    }
}
