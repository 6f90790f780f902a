package io.hybench.emulator.protocol;

import io.hybench.emulator.profile.EmulatorProfile;

import java.time.Instant;

/**
 * What a renderer needs besides the request.
 *
 * @param ordinal       the request's number, in arrival order (ids derive from it)
 * @param reply         the response's text, token by token
 * @param arrivalNanos  emulator time the request arrived
 */
record ResponseContext(long ordinal, Reply reply, OutputPlan plan, long arrivalNanos, TokenText text,
                       EmulatorProfile profile, WallClock clock) {
    /** Unix seconds at arrival (OpenAI {@code created}). */
    long createdEpochSeconds() {
        return clock.instantAt(arrivalNanos).getEpochSecond();
    }

    Instant wallAt(long nanos) {
        return clock.instantAt(nanos);
    }

    /** A stable id fragment of {@code length} characters from [0-9A-Za-z], derived from seed and ordinal. */
    String base62Id(int length, int salt) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder(length);
        long h = TokenText.mix(ordinal * 31 + salt + text.hashCode());
        for (int i = 0; i < length; i++) {
            if (i % 10 == 0) h = TokenText.mix(h + i);
            sb.append(alphabet.charAt((int) Long.remainderUnsigned(h, 62)));
            h = Long.divideUnsigned(h, 62);
        }
        return sb.toString();
    }

    String hexId(int length, int salt) {
        StringBuilder sb = new StringBuilder(length);
        long h = TokenText.mix(ordinal * 131 + salt);
        while (sb.length() < length) {
            sb.append(String.format(java.util.Locale.ROOT, "%016x", h));
            h = TokenText.mix(h);
        }
        return sb.substring(0, length);
    }
}
