package io.hybench.bench.client.http;

import java.util.List;
import java.util.TreeSet;

/** Feeds bytes to a decoder in pieces, as reads off a socket would arrive: the decoder tests' one way of cutting. */
public final class Pieces {
    private Pieces() {
    }

    /** Feeds {@code bytes} in pieces cut at {@code cuts} (piece k stamped k, the end stamped pieces) through {@code decoder}. */
    public static void feed(FrameDecoder decoder, byte[] bytes, List<Integer> cuts) {
        TreeSet<Integer> points = new TreeSet<>();
        for (int c : cuts) if (c > 0 && c < bytes.length) points.add(c);
        points.add(bytes.length);
        int from = 0;
        long t = 0;
        for (int to : points) {
            decoder.feed(bytes, from, to - from, t++);
            from = to;
        }
        decoder.finish(t);
    }

    public static List<Integer> of(int... cuts) {
        return java.util.Arrays.stream(cuts).boxed().toList();
    }
}
