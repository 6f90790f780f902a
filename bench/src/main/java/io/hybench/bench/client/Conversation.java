package io.hybench.bench.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a chat request asks: an optional system prompt and the messages so far, oldest first, ending with the
 * user's newest message. Each client sends it in its protocol's own shape (OpenAI {@code messages} with roles
 * system/user/assistant/tool; Anthropic a top-level {@code system} with {@code tool_use}/{@code tool_result}
 * blocks; Ollama {@code /api/chat} with role {@code tool}); completion and generate endpoints get
 * {@link #completionText()}. A lone prompt is {@link #of(String) one user message}.
 *
 * @param system   the system prompt, null for none
 * @param messages user, assistant and tool-result messages in order; a tool result answers the tool call of the
 *                 assistant message just before it (the APIs pair them by id)
 */
public record Conversation(String system, List<Message> messages) {
    /** The name of the simulated tool whose results a session feeds back. */
    public static final String TOOL_NAME = "lookup";

    public Conversation {
        messages = List.copyOf(messages);
        if (messages.isEmpty() || !(messages.getLast() instanceof User)) throw new IllegalArgumentException("a conversation ends with a user message");
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof ToolResult t && !(i > 0 && messages.get(i - 1) instanceof Assistant a
                    && a.toolCallId() != null && a.toolCallId().equals(t.toolCallId()))) {
                throw new IllegalArgumentException("tool result " + t.toolCallId() + " does not follow the assistant message that called it");
            }
        }
    }

    /** One message of a conversation. */
    public sealed interface Message permits User, Assistant, ToolResult {
        String text();
    }

    public record User(String text) implements Message {
        public User {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * @param text       the answer's text
     * @param toolCallId the id of the (simulated) call of {@link #TOOL_NAME} it ended with, null for none
     */
    public record Assistant(String text, String toolCallId) implements Message {
        public Assistant {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The tool's output for the call {@code toolCallId}. */
    public record ToolResult(String toolCallId, String text) implements Message {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A single prompt: one user message, no system prompt. */
    public static Conversation of(String prompt) {
        return new Conversation(null, List.of(new User(prompt)));
    }

    /** Whether any assistant message calls the tool (Anthropic then needs the tool defined). */
    public boolean callsTools() {
        return messages.stream().anyMatch(m -> m instanceof Assistant a && a.toolCallId() != null);
    }

    /** This conversation with {@code next} appended. */
    public Conversation with(Message... next) {
        List<Message> all = new ArrayList<>(messages);
        all.addAll(List.of(next));
        return new Conversation(system, all);
    }

    /**
     * The one string a completion or generate endpoint gets, by the template
     * <pre>
     * System: the system prompt
     *
     * User: first message
     *
     * Assistant: its answer
     *
     * Tool result: the tool's output
     *
     * User: next message
     * </pre>
     * (parts joined by a blank line). Without a system prompt the first user message goes unlabelled, so a lone
     * prompt is sent as it is and each turn's text still starts with the previous turn's byte for byte.
     */
    public String completionText() {
        StringBuilder sb = new StringBuilder();
        if (system != null) sb.append("System: ").append(system);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (i == 0 && system == null) {
                sb.append(m.text());
                continue;
            }
            sb.append("\n\n").append(switch (m) {
                case User u -> "User: ";
                case Assistant a -> "Assistant: ";
                case ToolResult t -> "Tool result: ";
            }).append(m.text());
        }
        return sb.toString();
    }
}
