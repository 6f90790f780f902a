package io.hybench.bench.load;

import io.hybench.bench.client.Conversation;
import io.hybench.bench.results.SessionTurn;

/**
 * One prompt to send.
 *
 * @param conversation what is asked: a lone prompt text, or a session turn's conversation so far
 * @param maxTokens    requested output length, null for the server's default
 * @param category     label from a prompt file (e.g. "code"), null when none
 * @param id           the prompt's id from a prompt file (a question id for a question workload), null when none
 * @param session      its session and turn when it is a turn of a multi-turn session, else null
 * @param tokens       its length in tokens of the workload's tokenizer, null when none is named
 */
public record Prompt(Conversation conversation, Integer maxTokens, String category, String id, SessionTurn session, Integer tokens) {
    public Prompt {
        if (conversation.messages().getLast().text().isEmpty()) throw new IllegalArgumentException("prompt text must not be empty");
        if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
    }

    /** A single-turn prompt of {@code tokens} tokenizer tokens (null when no tokenizer is named). */
    public Prompt(String text, Integer maxTokens, String category, String id, SessionTurn session, Integer tokens) {
        this(Conversation.of(nonEmpty(text)), maxTokens, category, id, session, tokens);
    }

    private static String nonEmpty(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("prompt text must not be empty");
        return text;
    }

    /** A single-turn prompt. */
    public Prompt(String text, Integer maxTokens, String category, String id) {
        this(text, maxTokens, category, id, null, null);
    }

    /** The prompt as one string (what a completion endpoint gets). */
    public String text() {
        return conversation.completionText();
    }

    /** This prompt asking for {@code maxTokens}. */
    public Prompt withMaxTokens(Integer maxTokens) {
        return new Prompt(conversation, maxTokens, category, id, session, tokens);
    }
}
