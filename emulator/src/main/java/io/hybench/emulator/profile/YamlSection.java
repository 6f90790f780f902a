package io.hybench.emulator.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * One mapping of a profile file, read field by field. Every read names its dotted path, so an error
 * says exactly which field is wrong and why; fields nobody read are reported as unknown.
 */
final class YamlSection {
    private final String source;
    private final String path;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();

    YamlSection(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        if (node == null || !node.isObject()) throw fail(path.isEmpty() ? "(top level)" : path, "must be a mapping");
        this.node = node;
    }

    ProfileException fail(String field, String reason) {
        return new ProfileException("profile " + source + ": field " + field + ": " + reason);
    }

    private String full(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode required(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw fail(full(field), "is required");
        return v;
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    YamlSection section(String field) {
        return new YamlSection(source, full(field), required(field));
    }

    String text(String field) {
        JsonNode v = required(field);
        if (!v.isTextual() || v.asText().isBlank()) throw fail(full(field), "must be a non-empty string");
        return v.asText();
    }

    String textOr(String field, String fallback) {
        return has(field) ? text(field) : markRead(field, fallback);
    }

    private <T> T markRead(String field, T value) {
        read.add(field);
        return value;
    }

    double number(String field, double min, double max) {
        JsonNode v = required(field);
        if (!v.isNumber()) throw fail(full(field), "must be a number, was " + v);
        double d = v.asDouble();
        if (!(d >= min && d <= max)) throw fail(full(field), "must be in [" + plain(min) + ", " + plain(max) + "], was " + v);
        return d;
    }

    double numberOr(String field, double min, double max, double fallback) {
        return has(field) ? number(field, min, max) : markRead(field, fallback);
    }

    long integer(String field, long min, long max) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber()) throw fail(full(field), "must be an integer, was " + v);
        long l = v.asLong();
        if (l < min || l > max) throw fail(full(field), "must be in [" + min + ", " + max + "], was " + l);
        return l;
    }

    /**
     * A list of two-number pairs ({@code [[x, y], ...]}), each number in [min, max]; at least
     * {@code minSize} pairs. Errors name the element, e.g. {@code answers.reliability.points[2]}.
     */
    double[][] pairs(String field, double min, double max, int minSize) {
        JsonNode v = required(field);
        if (!v.isArray() || v.size() < minSize) throw fail(full(field), "must be a list of at least " + minSize + " [x, y] pairs, was " + v);
        double[][] out = new double[v.size()][];
        for (int i = 0; i < v.size(); i++) {
            JsonNode pair = v.get(i);
            String where = full(field) + "[" + i + "]";
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                throw fail(where, "must be a pair of numbers [x, y], was " + pair);
            }
            double x = pair.get(0).asDouble(), y = pair.get(1).asDouble();
            if (!(x >= min && x <= max && y >= min && y <= max)) {
                throw fail(where, "numbers must be in [" + plain(min) + ", " + plain(max) + "], was " + pair);
            }
            out[i] = new double[]{x, y};
        }
        return out;
    }

    long integerOr(String field, long min, long max, long fallback) {
        return has(field) ? integer(field, min, max) : markRead(field, fallback);
    }

    /** A duration written in milliseconds (fractions allowed), returned in nanoseconds. */
    long millisAsNanos(String field, double minMs, double maxMs) {
        return Math.round(number(field, minMs, maxMs) * 1e6);
    }

    long millisAsNanosOr(String field, double minMs, double maxMs, long fallbackNanos) {
        return has(field) ? millisAsNanos(field, minMs, maxMs) : markRead(field, fallbackNanos);
    }

    /** Rejects fields that no reader asked for (typos must not silently fall back to defaults). */
    void requireAllRead() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!read.contains(f)) throw fail(full(f), "unknown field");
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
