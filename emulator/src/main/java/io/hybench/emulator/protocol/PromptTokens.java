package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.emulator.engine.PromptIds;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Prompt length in tokens without a tokenizer: about four UTF-8 bytes per token (the usual figure
 * for English BPE vocabularies), plus the role markers a chat template adds around each message.
 */
final class PromptTokens {
    private static final double BYTES_PER_TOKEN = 4.0;
    private static final int CHAT_TEMPLATE_TOKENS_PER_MESSAGE = 4;

    private PromptTokens() {
    }

    static int ofText(String text) {
        return (int) Math.ceil(text.getBytes(StandardCharsets.UTF_8).length / BYTES_PER_TOKEN);
    }

    static int ofChat(List<String> messageContents) {
        int total = 0;
        for (String m : messageContents) total += ofText(m) + CHAT_TEMPLATE_TOKENS_PER_MESSAGE;
        return Math.max(1, total);
    }

    /**
     * The prompt's token identities for prefix caches, in the order a chat template renders it: a system
     * text, then each message as its role's template tokens followed by one id per four content bytes
     * (the same granularity as the counts above), or a bare prompt. Fitted to {@code promptTokens}: cut
     * when longer, padded with ids of this request alone ({@code ordinal}) when shorter, so the cache never
     * matches more than the prompt the engine is told about.
     */
    static PromptIds ids(JsonNode body, int promptTokens, long ordinal) {
        int[] ids = new int[promptTokens];
        int n = 0;
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) n = append(ids, n, "system", Wire.contentText(system), true);
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) n = append(ids, n, m.path("role").asText(""), Wire.contentText(m.get("content")), true);
        }
        JsonNode prompt = body.get("prompt");
        if (prompt != null && !prompt.isNull()) {
            n = append(ids, n, "prompt", prompt.isArray() ? Wire.contentText(prompt) : prompt.asText(), false);
        }
        for (int i = n; i < ids.length; i++) ids[i] = mix(0x5EED_0000_0000L ^ ordinal, i);
        return new PromptIds(ids);
    }

    private static int append(int[] ids, int n, String role, String text, boolean templated) {
        if (templated) {
            for (int k = 0; k < CHAT_TEMPLATE_TOKENS_PER_MESSAGE && n < ids.length; k++) ids[n++] = mix(role.hashCode(), k);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length && n < ids.length; at += (int) BYTES_PER_TOKEN) {
            int piece = 0;
            for (int b = at; b < Math.min(bytes.length, at + (int) BYTES_PER_TOKEN); b++) piece = piece * 257 + (bytes[b] & 0xFF);
            ids[n++] = piece;
        }
        return n;
    }

    private static int mix(long a, int b) {
        long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }
}
