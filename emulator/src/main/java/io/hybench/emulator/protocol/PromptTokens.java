package io.hybench.emulator.protocol;

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
}
