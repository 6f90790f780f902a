package io.hybench.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.AnswerRecord;
import io.hybench.emulator.truth.TruthLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.hybench.emulator.EmulatorWireTest.post;
import static io.hybench.emulator.EmulatorWireTest.sseData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answer model on the wire: replies, logprobs and truth for questions in the answer key (real loopback HTTP). */
class AnswerWireTest {
    static final String MC_PROMPT = "Which day follows Tuesday?\n\nA. Monday\nB. Wednesday\nC. Friday";
    static final String NUMERIC_PROMPT = "What is 6 + 21?";
    static final AnswerKey KEY = AnswerKey.builder()
            .add(MC_PROMPT, new AnswerKey.Entry("mc-1", AnswerKey.Kind.MULTIPLE_CHOICE, List.of("Monday", "Wednesday", "Friday"), "B", 2))
            .add(NUMERIC_PROMPT, new AnswerKey.Entry("num-1", AnswerKey.Kind.NUMERIC, List.of(), "27", 1))
            .build();

    static String ollamaChat(String prompt, String extra) {
        return "{\"model\":\"llama3.1:8b\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":"
                + json(prompt) + "}]" + extra + "}";
    }

    static String json(String s) {
        return io.hybench.core.mapper.Json.MAPPER.getNodeFactory().textNode(s).toString();
    }

    @Test
    void ollamaStreamAnswersWithTheConfidenceItsLogprobsCarry() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.ollama(512, TestProfiles.ANSWERS), 0, 7, TruthLog.inMemory(), KEY)) {
            String request = ollamaChat(MC_PROMPT, ",\"logprobs\":true,\"top_logprobs\":5,\"options\":{\"temperature\":0}");
            List<String> lines = post(e, "/api/chat", request).body().lines().toList();
            StringBuilder content = new StringBuilder();
            List<JsonNode> entries = new ArrayList<>();
            for (String line : lines.subList(0, lines.size() - 1)) {
                JsonNode chunk = EmulatorWireTest.json(line);
                content.append(chunk.at("/message/content").asText());
                assertEquals(1, chunk.get("logprobs").size());
                entries.add(chunk.get("logprobs").get(0));
                assertEquals(chunk.at("/message/content").asText(), chunk.get("logprobs").get(0).get("token").asText(), "tokens spell the content");
            }
            AnswerRecord truth = answers(e, 1).get(0);
            assertEquals(1, truth.request());
            assertEquals("mc-1", truth.question());
            assertEquals(0.0, truth.temperature());
            assertEquals(truth.correct(), truth.answer().equals("B"));
            double c = truth.confidence();
            assertTrue(Math.abs(c - 0.8) <= 0.05 + 1e-9, "0.9 - 0.1 * (2 - 1) ± 0.05: " + c);
            String text = content.toString();
            assertTrue(text.endsWith("\nAnswer: " + truth.answer() + "\nConfidence: " + Math.round(c * 100)), text);
            assertTrue(text.length() > ("\nAnswer: B\nConfidence: 80").length(), "working words come first: " + text);

            JsonNode answer = entries.stream().filter(t -> t.get("token").asText().equals(" " + truth.answer())).findFirst().orElseThrow();
            assertEquals(Math.log(c), answer.get("logprob").asDouble(), 1e-12);
            JsonNode top = answer.get("top_logprobs");
            assertEquals(3, top.size(), "the three options, though 5 were asked");
            assertEquals(" " + truth.answer(), top.get(0).get("token").asText());
            for (int i = 1; i < 3; i++) {
                assertNotEquals(" " + truth.answer(), top.get(i).get("token").asText());
                assertEquals(Math.log((1 - c) / 2), top.get(i).get("logprob").asDouble(), 1e-12);
            }
            JsonNode other = entries.get(0);
            assertEquals(5, other.get("top_logprobs").size(), "other tokens list as many alternatives as asked");

            JsonNode done = EmulatorWireTest.json(lines.get(lines.size() - 1));
            assertEquals(lines.size() - 1 + 1, done.get("eval_count").asInt(), "output tokens = the reply's tokens + EOS");

            // Greedy decoding repeats exactly, seed or not; the generate endpoint's prompt is looked up too.
            String again = post(e, "/api/chat", ollamaChat(MC_PROMPT, ",\"stream\":false,\"options\":{\"temperature\":0,\"seed\":5}")).body();
            assertEquals(text, EmulatorWireTest.json(again).at("/message/content").asText());
            String generated = post(e, "/api/generate", "{\"model\":\"llama3.1:8b\",\"prompt\":" + json(MC_PROMPT)
                    + ",\"stream\":false,\"options\":{\"temperature\":0}}").body();
            assertEquals(text, EmulatorWireTest.json(generated).get("response").asText());
            assertEquals(List.of(1L, 2L, 3L), answers(e, 3).stream().map(AnswerRecord::request).toList());
        }
    }

    @Test
    void openAiAndAnthropicCarryTheSameReply() throws Exception {
        var profile = TestProfiles.cloud(0, 0).withAnswers(ProfileLoader.load("frontier-cloud-api").answers());
        try (Emulator e = Emulator.start(profile, 0, 3, TruthLog.inMemory(), KEY)) {
            String body = "{\"model\":\"frontier-test\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0,"
                    + "\"logprobs\":true,\"top_logprobs\":3,\"messages\":[{\"role\":\"user\",\"content\":" + json(NUMERIC_PROMPT) + "}]}";
            StringBuilder content = new StringBuilder();
            int tokens = 0;
            JsonNode answer = null;
            JsonNode usage = null;
            for (JsonNode chunk : sseData(post(e, "/v1/chat/completions", body).body())) {
                if (chunk.has("usage") && chunk.get("usage").isObject()) usage = chunk.get("usage");
                JsonNode lp = chunk.at("/choices/0/logprobs/content");
                if (!lp.isArray() || lp.isEmpty()) continue;
                tokens++;
                content.append(chunk.at("/choices/0/delta/content").asText());
                if (lp.get(0).get("token").asText().startsWith(" ") && content.toString().endsWith("Answer: " + lp.get(0).get("token").asText().strip())) {
                    answer = lp.get(0);
                }
            }
            AnswerRecord truth = answers(e, 1).get(0);
            assertEquals("num-1", truth.question());
            assertTrue(content.toString().endsWith("\nAnswer: " + truth.answer() + "\nConfidence: " + Math.round(truth.confidence() * 100)), content.toString());
            assertEquals(Math.log(truth.confidence()), answer.get("logprob").asDouble(), 1e-12);
            JsonNode alt = answer.get("top_logprobs").get(1);
            assertEquals(Math.log(1 - truth.confidence()), alt.get("logprob").asDouble(), 1e-12);
            assertEquals(truth.correct() ? "27" : " 27", truth.correct() ? truth.answer() : alt.get("token").asText(), "the other answer weighed is the gold one");
            assertEquals(tokens, usage.get("completion_tokens").asInt(), "OpenAI counts the reply's tokens");

            String anthropic = post(e, "/v1/messages", "{\"model\":\"frontier-test\",\"max_tokens\":512,\"temperature\":0,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":" + json(NUMERIC_PROMPT) + "}]}]}",
                    "x-api-key", "k").body();
            assertEquals(content.toString(), EmulatorWireTest.json(anthropic).at("/content/0/text").asText(), "rating only, same reply");
        }
    }

    @Test
    void promptsOutsideTheKeyKeepTheirGeneratedText() throws Exception {
        String request = ollamaChat("hello there", ",\"stream\":false,\"options\":{\"seed\":4}");
        String with, without;
        try (Emulator e = Emulator.start(TestProfiles.ollama(512, TestProfiles.ANSWERS), 0, 7, TruthLog.inMemory(), KEY)) {
            with = EmulatorWireTest.json(post(e, "/api/chat", request).body()).at("/message/content").asText();
            assertEquals(List.of(), e.truth().answers());
        }
        try (Emulator e = Emulator.start(TestProfiles.ollama(512, ""), 0, 7)) {
            without = EmulatorWireTest.json(post(e, "/api/chat", request).body()).at("/message/content").asText();
        }
        assertEquals(without, with);
        assertTrue(!with.contains("Answer:"), with);
    }

    @Test
    void aLengthCapCutsTheReplyBeforeItsAnswer() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.ollama(512, TestProfiles.ANSWERS), 0, 7, TruthLog.inMemory(), KEY)) {
            JsonNode r = EmulatorWireTest.json(post(e, "/api/chat", ollamaChat(MC_PROMPT, ",\"stream\":false,\"options\":{\"temperature\":0,\"num_predict\":2}")).body());
            assertEquals("length", r.get("done_reason").asText());
            assertTrue(!r.at("/message/content").asText().contains("Answer:"));
        }
    }

    @Test
    void aKeyNeedsAProfileWithAnAnswerModel() {
        var error = assertThrows(IllegalArgumentException.class, () -> Emulator.start(TestProfiles.ollama(512, ""), 0, 1, TruthLog.inMemory(), KEY));
        assertTrue(error.getMessage().startsWith("profile test-ollama has no answers section"), error.getMessage());
    }

    /** The emulator logs an answer once its last byte is written, which can follow the client's read by a moment. */
    private static List<AnswerRecord> answers(Emulator e, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (e.truth().answers().size() < expected && System.nanoTime() < deadline) Thread.sleep(10);
        return e.truth().answers();
    }
}
