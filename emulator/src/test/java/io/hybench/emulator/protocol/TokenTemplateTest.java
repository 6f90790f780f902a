package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenTemplateTest {
    /** A vLLM-like token chunk with {@code text} as its delta's content. */
    private static byte[] chunk(String text) {
        ObjectNode o = Wire.object().put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("created", 1).put("model", "m");
        ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("content", text);
        choice.putNull("logprobs").putNull("finish_reason").putNull("token_ids");
        return Chunk.sse("token", Wire.json(o)).bytes();
    }

    @Property(tries = 500)
    void theTemplateWritesTheBytesTheTreeWrites(@ForAll String text) {
        assertArrayEquals(chunk(text), TokenTemplate.of(chunk(TokenTemplate.MARKER)).render(text));
    }

    @Example
    void quotesControlCharactersSurrogatesAndEmojiAreWrittenAsTheTreeWritesThem() {
        TokenTemplate t = TokenTemplate.of(chunk(TokenTemplate.MARKER));
        for (String text : new String[] {"", " the", "\"quoted\" \\ /", "\n\t\u0000\u001f", "é 中 \uD83D\uDE00", "\uD83D", "\uDE00x", "\u2028"}) {
            assertArrayEquals(chunk(text), t.render(text), text);
        }
    }

    @Example
    void aChunkWithoutTheMarkerOrWithItTwiceIsNoTemplate() {
        assertThrows(IllegalArgumentException.class, () -> TokenTemplate.of(chunk("plain")));
        byte[] twice = Chunk.sse("token", Wire.json(Wire.object().put("a", TokenTemplate.MARKER).put("b", TokenTemplate.MARKER))).bytes();
        assertThrows(IllegalArgumentException.class, () -> TokenTemplate.of(twice));
    }
}
