package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.emulator.engine.CacheMarks;
import io.hybench.emulator.engine.PromptIds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** How a protocol asks a cloud API to cache prompts. */
    enum Caching {
        /** No prompt caching in the protocol (a local server's cache needs no marks). */
        NONE,
        /** Every prompt is a candidate (OpenAI). */
        AUTOMATIC,
        /** Blocks marked {@code cache_control} (Anthropic). */
        EXPLICIT
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
     * matches more than the prompt the engine is told about. With {@link Caching#EXPLICIT} the ids carry where
     * each content block ends and which blocks are marked {@code cache_control}; a block ends after the last id
     * its bytes alone decide (the message's last block at the message's end).
     */
    static PromptIds ids(JsonNode body, int promptTokens, long ordinal) {
        return ids(body, promptTokens, ordinal, Caching.NONE);
    }

    /** The ids as above, carrying the marks a cloud API's prompt cache reads ({@link Caching}). */
    static PromptIds ids(JsonNode body, int promptTokens, long ordinal, Caching caching) {
        int[] ids = new int[promptTokens];
        List<Integer> ends = new ArrayList<>();
        List<CacheMarks.Breakpoint> breakpoints = new ArrayList<>();
        int n = 0;
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) n = message(ids, n, "system", system, ends, breakpoints);
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) n = message(ids, n, m.path("role").asText(""), m.get("content"), ends, breakpoints);
        }
        JsonNode prompt = body.get("prompt");
        if (prompt != null && !prompt.isNull()) {
            n = append(ids, n, "prompt", prompt.isArray() ? Wire.contentText(prompt) : prompt.asText(), false);
        }
        for (int i = n; i < ids.length; i++) ids[i] = mix(0x5EED_0000_0000L ^ ordinal, i);
        CacheMarks marks = switch (caching) {
            case NONE -> null;
            case AUTOMATIC -> new CacheMarks.Automatic();
            case EXPLICIT -> new CacheMarks.Explicit(ends.stream().mapToInt(Integer::intValue).toArray(), breakpoints);
        };
        return new PromptIds(ids, marks);
    }

    /** {@link #append}s one chat message and notes where its content blocks end and which are cache breakpoints. */
    private static int message(int[] ids, int n, String role, JsonNode content, List<Integer> ends,
                               List<CacheMarks.Breakpoint> breakpoints) {
        int contentStart = Math.min(ids.length, n + CHAT_TEMPLATE_TOKENS_PER_MESSAGE);
        int end = append(ids, n, role, Wire.contentText(content), true);
        if (content == null || !content.isArray()) {
            ends.add(end);
            return end;
        }
        long bytes = 0;
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            bytes += Wire.contentText(Wire.array().add(part)).getBytes(StandardCharsets.UTF_8).length;
            int blockEnd = i == content.size() - 1 ? end : (int) Math.min(end, contentStart + bytes / (long) BYTES_PER_TOKEN);
            ends.add(blockEnd);
            JsonNode mark = part.get("cache_control");
            if (mark != null && mark.isObject()) breakpoints.add(new CacheMarks.Breakpoint(blockEnd, "1h".equals(mark.path("ttl").asText())));
        }
        return end;
    }

    /** Blocks of an Anthropic request marked {@code cache_control} (system and message content blocks). */
    static int cacheControlBlocks(JsonNode body) {
        int count = marked(body.get("system"));
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) for (JsonNode m : messages) count += marked(m.get("content"));
        return count;
    }

    private static int marked(JsonNode content) {
        int count = 0;
        if (content != null && content.isArray()) for (JsonNode part : content) if (part.has("cache_control")) count++;
        return count;
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
