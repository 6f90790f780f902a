package io.hybench.bench.client.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's retry hint in milliseconds, read as the official OpenAI and Anthropic SDKs read it:
 * {@code retry-after-ms} (milliseconds) first, else {@code retry-after} as (fractional) seconds,
 * else {@code retry-after} as an HTTP date. Null when absent or unparseable.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    static Long millis(Function<String, String> header, Instant now) {
        Long ms = Optional.ofNullable(header.apply("retry-after-ms")).map(v -> scaled(v, 1)).orElse(null);
        if (ms != null) return ms;
        return Optional.ofNullable(header.apply("retry-after")).map(v -> {
            Long s = scaled(v, 1000);
            return s != null ? s : date(v, now);
        }).orElse(null);
    }

    private static Long scaled(String v, int factor) {
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) && d >= 0 ? Math.round(d * factor) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long date(String v, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(now, at).toMillis());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
