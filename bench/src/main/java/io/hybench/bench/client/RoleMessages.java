package io.hybench.bench.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.core.mapper.Json;

/**
 * A conversation as role-tagged messages, the layout OpenAI's chat completions and Ollama's {@code /api/chat} share:
 * the system prompt as the first message, then {@code user}, {@code assistant} and {@code tool} messages in order.
 * Where they differ, how a tool is called and answered, each protocol gives its {@link ToolFields}.
 */
public final class RoleMessages {
    private RoleMessages() {
    }

    /** A protocol's tool fields. */
    public interface ToolFields {
        /** Adds to an assistant message its call of {@link Conversation#TOOL_NAME} with id {@code callId}. */
        void call(ObjectNode assistant, String callId);

        /** Adds to a {@code tool} message (role and content set) what pairs it with its call. */
        void answer(ObjectNode tool, Conversation.ToolResult result);
    }

    public static ArrayNode of(Conversation c, ToolFields tools) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        if (c.system() != null) messages.addObject().put("role", "system").put("content", c.system());
        for (Conversation.Message m : c.messages()) {
            switch (m) {
                case Conversation.User u -> messages.addObject().put("role", "user").put("content", u.text());
                case Conversation.Assistant a -> {
                    ObjectNode o = messages.addObject().put("role", "assistant").put("content", a.text());
                    if (a.toolCallId() != null) tools.call(o, a.toolCallId());
                }
                case Conversation.ToolResult t -> tools.answer(messages.addObject().put("role", "tool").put("content", t.text()), t);
            }
        }
        return messages;
    }
}
