package io.hybench.calibrate.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.results.Json;
import io.hybench.bench.testing.ReplayServer;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A test answer model behind an OpenAI-compatible streaming endpoint (the shape the emulator's answer
 * model must have; see docs/collect.md). For each question it draws a stated confidence c from the
 * question's difficulty (c = base - slope * (difficulty - 1) + U(-spread, spread), clamped to
 * [0.02, 0.99]) and answers correctly with probability {@code reliability(c)}: reliability(c) = c is a
 * calibrated model, c^2 an over-confident one. The graded (temperature 0) reply's answer token has
 * logprob ln(c) and, for multiple choice, every other option shares 1 - c in top_logprobs; the reply
 * ends "Confidence: round(100 c)". Draws are seeded by question id (and sample seed), so runs repeat.
 */
final class AnswerModel {
    final String name;
    final double base, slope, spread;
    final DoubleUnaryOperator reliability;
    final long seed;
    private final Map<String, Question> byPrompt = new HashMap<>();

    AnswerModel(String name, long seed, double base, double slope, double spread, DoubleUnaryOperator reliability, List<Question> questions) {
        this.name = name;
        this.seed = seed;
        this.base = base;
        this.slope = slope;
        this.spread = spread;
        this.reliability = reliability;
        questions.forEach(q -> byPrompt.put(PromptSet.V1.render(q), q));
    }

    double confidence(Question q) {
        SplittableRandom r = new SplittableRandom(seed ^ q.id().hashCode());
        int d = q.difficulty() == null ? 1 : Integer.parseInt(q.difficulty());
        double c = base - slope * (d - 1) + (r.nextDouble() * 2 - 1) * spread;
        return Math.max(0.02, Math.min(0.99, Math.round(c * 100) / 100.0));
    }

    boolean correct(Question q, long sample) {
        SplittableRandom r = new SplittableRandom((seed * 31 + sample) ^ ((long) q.id().hashCode() << 16));
        r.nextDouble();
        return r.nextDouble() < reliability.applyAsDouble(confidence(q));
    }

    /** The reply to one chat request, as an SSE body. */
    ReplayServer.Reply reply(ReplayServer.RecordedRequest req) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(req.body());
        } catch (Exception e) {
            return ReplayServer.Reply.of(400, "application/json", "{\"error\":{\"message\":\"bad json\"}}");
        }
        Question q = byPrompt.get(body.path("messages").path(0).path("content").asText());
        if (q == null) return ReplayServer.Reply.of(400, "application/json", "{\"error\":{\"message\":\"unknown question\"}}");
        boolean graded = body.path("temperature").asDouble() == 0;
        long sample = graded ? -1 : body.path("seed").asLong();
        double c = confidence(q);
        String answer = answer(q, correct(q, sample), sample);
        List<String[]> tokens = new ArrayList<>();
        tokens.add(new String[]{"Working", "-0.05"});
        tokens.add(new String[]{" it", "-0.05"});
        tokens.add(new String[]{" out", "-0.05"});
        tokens.add(new String[]{".\n", "-0.01"});
        tokens.add(new String[]{"Answer", "-0.01"});
        tokens.add(new String[]{":", "-0.01"});
        tokens.add(new String[]{" " + answer, Double.toString(Math.log(c))});
        tokens.add(new String[]{"\n", "-0.01"});
        tokens.add(new String[]{"Confidence", "-0.01"});
        tokens.add(new String[]{":", "-0.01"});
        tokens.add(new String[]{" " + Math.round(c * 100), "-0.3"});
        boolean logprobs = body.path("logprobs").asBoolean(false);
        StringBuilder sse = new StringBuilder();
        for (String[] t : tokens) {
            ObjectNode chunk = Json.MAPPER.createObjectNode().put("id", "x").put("object", "chat.completion.chunk").put("model", name);
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta").put("content", t[0]);
            if (logprobs) {
                ObjectNode lp = choice.putObject("logprobs").putArray("content").addObject();
                lp.put("token", t[0]).put("logprob", Double.parseDouble(t[1]));
                ArrayNode top = lp.putArray("top_logprobs");
                top.addObject().put("token", t[0]).put("logprob", Double.parseDouble(t[1]));
                if (t[0].equals(" " + answer) && q.kind() == QuestionKind.MULTIPLE_CHOICE) {
                    double rest = Math.log((1 - c) / (q.options().size() - 1));
                    for (int i = 0; i < q.options().size() && top.size() < body.path("top_logprobs").asInt(); i++) {
                        String letter = " " + Question.letter(i);
                        if (!letter.equals(t[0])) top.addObject().put("token", letter).put("logprob", rest);
                    }
                }
            }
            sse.append("data: ").append(chunk).append("\n\n");
        }
        ObjectNode end = Json.MAPPER.createObjectNode().put("id", "x").put("model", name);
        end.putArray("choices").addObject().put("index", 0).putObject("delta");
        ((ObjectNode) end.get("choices").get(0)).put("finish_reason", "stop");
        sse.append("data: ").append(end).append("\n\n");
        ObjectNode usage = Json.MAPPER.createObjectNode().put("id", "x").put("model", name);
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 40 + q.text().length() / 4).put("completion_tokens", tokens.size());
        sse.append("data: ").append(usage).append("\n\ndata: [DONE]\n\n");
        return ReplayServer.Reply.of(200, "text/event-stream", sse.toString());
    }

    private static String answer(Question q, boolean correct, long sample) {
        if (correct) return q.gold();
        return switch (q.kind()) {
            case MULTIPLE_CHOICE -> String.valueOf(Question.letter((q.gold().charAt(0) - 'A' + 1 + Math.floorMod(sample + 1, q.options().size() - 1)) % q.options().size()));
            case NUMERIC -> new BigDecimal(q.gold()).add(BigDecimal.ONE).toPlainString();
            case FREE_TEXT -> LocalDate.parse(q.gold()).plusDays(1).toString();
        };
    }
}
