package io.hybench.bench.load;

import io.hybench.core.time.Durations;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A node of a parsed workload file that knows its path ({@code load.users[2]}), so every validation
 * error names the file and the field.
 */
final class Field {
    private final JsonNode node;
    private final String path;
    private final String source;

    private Field(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    static Field root(JsonNode node, String source) {
        Field f = new Field(node, "", source);
        if (node == null || !node.isObject()) throw f.error("expected a mapping at the top level");
        return f;
    }

    String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    WorkloadException error(String message) {
        return new WorkloadException(source + ": " + path() + ": " + message);
    }

    /** Runs a constructor whose {@link IllegalArgumentException} becomes an error naming this field. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    boolean has(String name) {
        JsonNode child = node.get(name);
        return child != null && !child.isNull();
    }

    Field get(String name) {
        if (!node.isObject()) throw error("expected a mapping");
        if (!has(name)) throw new WorkloadException(source + ": " + childPath(name) + ": missing (required)");
        return new Field(node.get(name), childPath(name), source);
    }

    /** The child, or null when absent or null. */
    Field opt(String name) {
        return has(name) ? new Field(node.get(name), childPath(name), source) : null;
    }

    /** Rejects keys not in {@code allowed}, so a typo is an error rather than a silently ignored setting. */
    Field only(String... allowed) {
        if (!node.isObject()) throw error("expected a mapping");
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ok.contains(k)) throw new WorkloadException(source + ": " + childPath(k) + ": unknown field (allowed: " + String.join(", ", allowed) + ")");
        }
        return this;
    }

    List<Field> list() {
        if (!node.isArray()) throw error("expected a list");
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) out.add(new Field(node.get(i), path + "[" + i + "]", source));
        return out;
    }

    boolean isScalar() {
        return node.isValueNode();
    }

    String text() {
        if (!node.isValueNode()) throw error("expected a text value");
        return node.asText();
    }

    long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw error("expected a whole number, was " + node);
        return node.asLong();
    }

    int intValue() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) throw error("expected a whole number, was " + node);
        return node.asInt();
    }

    double doubleValue() {
        if (!node.isNumber()) throw error("expected a number, was " + node);
        return node.asDouble();
    }

    boolean bool() {
        if (!node.isBoolean()) throw error("expected true or false, was " + node);
        return node.asBoolean();
    }

    long durationNanos() {
        return build(() -> Durations.parseNanos(text()));
    }

    <E extends Enum<E>> E enumValue(Class<E> type) {
        String t = text();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t)) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        throw error("expected one of " + String.join(", ", names) + ", was '" + t + "'");
    }

    private String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
