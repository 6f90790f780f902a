package io.hybench.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes of one line still being received. Lines are decoded as UTF-8 only once complete, so a
 * multi-byte character split across network reads is never mis-decoded. Grows without limit: a
 * line is as long as the server makes it.
 */
public final class ByteLineBuffer {
    private byte[] bytes = new byte[256];
    private int length;

    public void append(byte[] src, int offset, int count) {
        if (count == 0) return;
        if (length + count > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The buffered line as text (malformed UTF-8 becomes U+FFFD, as the SSE spec decodes), then empties the buffer. */
    public String takeUtf8() {
        String s = new String(bytes, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return s;
    }
}
