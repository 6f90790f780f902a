package io.hybench.emulator.answer;

import java.nio.charset.StandardCharsets;

/** Seed arithmetic: stable 64-bit hashes, so draws depend only on (emulator seed, question id, sampling). */
final class Draws {
    private Draws() {
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the UTF-8 bytes, then mixed (String.hashCode has too few bits to seed from). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }
}
