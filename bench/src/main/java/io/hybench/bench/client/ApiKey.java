package io.hybench.bench.client;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A target's API key, read from the environment variable the target names. It never appears in
 * {@link #toString()}, and {@link #redact} removes it (and anything shaped like a provider key) from
 * text bound for records, logs or the console.
 */
public final class ApiKey {
    static final String REDACTED = "[REDACTED]";
    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(sk-(?:ant-|proj-)?)[A-Za-z0-9_*\\-]{6,}");
    private static final ApiKey NONE = new ApiKey(null);

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey none() {
        return NONE;
    }

    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("API key is empty");
        return new ApiKey(value);
    }

    /**
     * The key named by {@code target.apiKeyEnv()}, or {@link #none()} when the target names no variable.
     *
     * @throws IllegalArgumentException when the named variable is unset or empty
     */
    public static ApiKey fromEnvironment(Target target, UnaryOperator<String> env) {
        if (target.apiKeyEnv() == null) return NONE;
        String v = env.apply(target.apiKeyEnv());
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("target '" + target.name() + "': environment variable "
                    + target.apiKeyEnv() + " (its API key) is not set");
        }
        return new ApiKey(v);
    }

    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** {@code text} with this key and key-shaped tokens replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null) return null;
        String out = value == null ? text : text.replace(value, REDACTED);
        return KEY_SHAPED.matcher(out).replaceAll("$1" + REDACTED);
    }

    @Override
    public String toString() {
        return value == null ? "ApiKey[none]" : "ApiKey[" + REDACTED + "]";
    }
}
