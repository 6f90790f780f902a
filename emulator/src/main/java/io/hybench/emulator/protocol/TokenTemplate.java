package io.hybench.emulator.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streamed chunk whose bytes change from one token to the next only in the token's text. It is rendered once, through
 * the same tree and serializer as every other chunk, with {@link #MARKER} as the text. Each token is then written as
 * the bytes before the marker, its text escaped by Jackson's own string encoder, and the bytes after. A chunk rendered
 * per token through an {@code ObjectNode} and a fresh generator allocated about 4 KB, most of the emulator's garbage at
 * 1,024 streams (docs/performance.md, "The emulator's token chunks from a template").
 */
final class TokenTemplate {
    /** Stands for the text; control characters keep it out of any generated text. */
    static final String MARKER = "\u0000hybench-token-text\u0000";
    private static final byte[] QUOTED_MARKER = ("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(MARKER)) + "\"")
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] before; // up to and with the text's opening quote
    private final byte[] after;  // from the text's closing quote

    private TokenTemplate(byte[] before, byte[] after) {
        this.before = before;
        this.after = after;
    }

    /** @param chunk the chunk's bytes rendered with {@link #MARKER} as the token's text, which they hold exactly once */
    static TokenTemplate of(byte[] chunk) {
        int at = indexOf(chunk, 0);
        if (at < 0 || indexOf(chunk, at + 1) >= 0) throw new IllegalArgumentException("a token template holds its marker exactly once");
        return new TokenTemplate(Arrays.copyOfRange(chunk, 0, at + 1), Arrays.copyOfRange(chunk, at + QUOTED_MARKER.length - 1, chunk.length));
    }

    /**
     * The chunk's bytes with {@code text} in place of the marker, escaped as the serializer escapes a string and encoded
     * as every chunk's string is (an unpaired surrogate becomes '?').
     */
    byte[] render(String text) {
        byte[] escaped = new String(JsonStringEncoder.getInstance().quoteAsString(text)).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[before.length + escaped.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(escaped, 0, out, before.length, escaped.length);
        System.arraycopy(after, 0, out, before.length + escaped.length, after.length);
        return out;
    }

    private static int indexOf(byte[] haystack, int from) {
        outer:
        for (int i = from; i <= haystack.length - QUOTED_MARKER.length; i++) {
            for (int j = 0; j < QUOTED_MARKER.length; j++) {
                if (haystack[i + j] != QUOTED_MARKER[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
