package io.hybench.bench.client.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic prompt-caching breakpoints: {@code "cache_control": {"type": "ephemeral"}} on the last block of the
 * {@code system} prompt and of the last message, the placement Anthropic's prompt-caching guide gives for
 * multi-turn conversations (two of the four breakpoints a request may carry). A string content becomes one text
 * block, since only blocks take the mark.
 */
final class CacheControl {
    private CacheControl() {
    }

    static void markConversation(ObjectNode body) {
        mark(body, "system");
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray() && !messages.isEmpty()) mark((ObjectNode) messages.get(messages.size() - 1), "content");
    }

    private static void mark(ObjectNode holder, String field) {
        JsonNode content = holder.get(field);
        if (content == null || content.isNull()) return;
        ArrayNode blocks;
        if (content.isTextual()) {
            blocks = holder.putArray(field);
            blocks.addObject().put("type", "text").put("text", content.asText());
        } else if (content.isArray() && !content.isEmpty()) {
            blocks = (ArrayNode) content;
        } else {
            return;
        }
        ((ObjectNode) blocks.get(blocks.size() - 1)).putObject("cache_control").put("type", "ephemeral");
    }
}
