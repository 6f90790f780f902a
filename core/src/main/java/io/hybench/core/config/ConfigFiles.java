package io.hybench.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project's one configuration dialect: workloads, emulator profiles, price files, question and
 * column mappings are YAML bound by Jackson onto records. Defaults and checks live with each record
 * (a {@code @JsonCreator} factory or compact constructor throwing {@link IllegalArgumentException});
 * this class turns every failure into one line, {@code file:line:column: key.path: problem}.
 */
public final class ConfigFiles {

    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'.*", Pattern.DOTALL);
    private static final Pattern KEYED = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*(?:\\[\\d+])?) (must .*)", Pattern.DOTALL);
    private static final Pattern TYPE_IDS = Pattern.compile("known type ids = \\[([^]]*)]");

    private ConfigFiles() {
    }

    /** Reads {@code file} into {@code type}. */
    public static <T> T read(Path file, Class<T> type) {
        return read(file, type, Map.of());
    }

    /** Reads {@code file} into {@code type}, with values for {@code @JacksonInject} parameters. */
    public static <T> T read(Path file, Class<T> type, Map<String, Object> injected) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString(), type, injected);
    }

    /** Binds YAML {@code text}; {@code source} names it in errors. */
    public static <T> T parse(String text, String source, Class<T> type, Map<String, Object> injected) {
        ObjectReader reader = Yaml.CONFIG.readerFor(type).with(new InjectableValues.Std(Map.copyOf(injected)));
        try {
            T value = reader.readValue(text);
            if (value == null) throw new ConfigException(source + ": empty file", null);
            return value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + where(e.getLocation()) + ": " + describe(e), e);
        }
    }

    /** Binds a tree built in code (command-line flags); {@code source} names it in errors, which then carry no line. */
    public static <T> T bind(JsonNode tree, String source, Class<T> type, Map<String, Object> injected) {
        try {
            return Yaml.CONFIG.readerFor(type).with(new InjectableValues.Std(Map.copyOf(injected))).readValue(tree);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + describe(e), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** Serialises a configuration record as the same dialect reads it. */
    public static String write(Object value) {
        try {
            return Yaml.CONFIG.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    private static String describe(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) return "not valid YAML: " + firstAndLastLine(e.getOriginalMessage());
        String path = path(m);
        String problem;
        switch (m) {
            case UnrecognizedPropertyException u -> {
                path = join(path, u.getPropertyName());
                problem = "unknown key (allowed: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                        .collect(Collectors.joining(", ")) + ")";
            }
            case InvalidTypeIdException t -> {
                Matcher ids = TYPE_IDS.matcher(t.getOriginalMessage());
                problem = "expected one of " + (ids.find() ? ids.group(1) : "the documented kinds") + ", was '" + t.getTypeId() + "'";
            }
            case ValueInstantiationException v -> {
                // A record's check that names its key ("users must be >= 1") points the path at that key.
                problem = rootMessage(v);
                Matcher keyed = KEYED.matcher(problem);
                if (keyed.matches()) {
                    path = join(path, keyed.group(1));
                    problem = keyed.group(2);
                }
            }
            case InvalidFormatException f when f.getTargetType() != null && f.getTargetType().isEnum() ->
                    problem = "expected one of " + Arrays.stream(f.getTargetType().getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                            + ", was '" + f.getValue() + "'";
            case MismatchedInputException mi when MISSING.matcher(mi.getOriginalMessage()).matches() -> {
                Matcher mm = MISSING.matcher(mi.getOriginalMessage());
                mm.matches();
                path = join(path, mm.group(1));
                problem = "missing (required)";
            }
            case MismatchedInputException mi when mi.getOriginalMessage().startsWith("Cannot map `null`") ->
                    problem = "missing (required)";
            case MismatchedInputException mi when m.getCause() == null && mi.getTargetType() != null ->
                    problem = "expected " + kind(mi.getTargetType())
                            + (mi instanceof InvalidFormatException f && f.getValue() != null ? ", was " + f.getValue() : "");
            default -> problem = m.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : firstLine(m.getOriginalMessage());
        }
        return (path.isEmpty() ? "(top level)" : path) + ": " + problem;
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) return "a whole number";
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) return "a number";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        return "a mapping";
    }

    /** {@code load.users[1]} from Jackson's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The key's path; Jackson's chain sometimes names the key already. */
    private static String join(String path, String key) {
        if (path.equals(key) || path.endsWith("." + key)) return path;
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String msg = c.getMessage();
        return msg == null ? c.getClass().getSimpleName() : firstLine(msg);
    }

    /** SnakeYAML's messages span lines (context, a caret drawing, the problem); keep the context and the problem. */
    private static String firstAndLastLine(String s) {
        List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() < 2) return firstLine(s);
        return lines.getFirst() + ": " + lines.getLast();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
