package io.hybench.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The structure of a JSON value without its data: objects as their ordered field names with each
 * field's shape, arrays as the shape of their first element, scalars as their JSON type.
 */
final class WireShape {
    private WireShape() {
    }

    static String of(JsonNode n) {
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                parts.add(f + ":" + of(n.get(f)));
            }
            return "{" + String.join(",", parts) + "}";
        }
        if (n.isArray()) return n.isEmpty() ? "[]" : "[" + of(n.get(0)) + "]";
        if (n.isNull()) return "null";
        if (n.isTextual()) return "string";
        if (n.isBoolean()) return "bool";
        return "number";
    }

    /** Field names only, top level. */
    static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
