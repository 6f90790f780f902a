package io.hybench.bench.client;

import java.util.Arrays;

/**
 * Bytes of one line still being received. Lines are decoded as UTF-8 only once complete (by their reader), so a
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

    /** The buffer itself, valid up to {@link #length()} until the next append or clear. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }
}
