package io.hybench.bench.client;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A target's API key, read from the environment variable the target names. It never appears in
 * {@link #toString()}, and {@link #redact} removes it (and anything shaped like a provider key, URL user-info and key-like query values) from
 * text bound for records, logs or the console.
 */
public final class ApiKey {
    static final String REDACTED = "[REDACTED]";
    /** The marker inside URLs: without brackets, so a redacted URL (workload.resolved.yaml) still parses. */
    static final String URL_REDACTED = "REDACTED";
    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(sk-(?:ant-|proj-)?)[A-Za-z0-9_*\\-]{6,}");
    /** user:password@ in a URL. */
    private static final Pattern URL_USER_INFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@\\s]+@");
    /** Query values whose name says they are a credential (?api_key=, &token=, ...). */
    private static final Pattern KEY_QUERY = Pattern.compile(
            "([?&](?:api[_-]?key|apikey|key|token|access[_-]?token|auth|authorization|secret|password|passwd|sig|signature|code)=)[^&#\\s]+",
            Pattern.CASE_INSENSITIVE);
    /** What an environment variable's name looks like; a key typed there instead (sk-..., with dashes) does not. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
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

    /**
     * Refuses an environment variable name that is not one (a key pasted where its variable's name
     * belongs); the message never repeats what was given.
     */
    public static String requireEnvName(String what, String name) {
        if (name != null && (!ENV_NAME.matcher(name).matches() || KEY_SHAPED.matcher(name).find())) {
            throw new IllegalArgumentException(what + " must name an environment variable (letters, digits and _), "
                    + "not hold the key itself; the value given is not repeated here");
        }
        return name;
    }

    /** {@code text} with URL user-info ({@code user:key@host}) and credential-like query values redacted; no key needed. */
    public static String redactUrls(String text) {
        if (text == null) return null;
        String out = URL_USER_INFO.matcher(text).replaceAll("$1" + URL_REDACTED + "@");
        return KEY_QUERY.matcher(out).replaceAll("$1" + URL_REDACTED);
    }

    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** {@code text} with this key and key-shaped tokens replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null) return null;
        String out = value == null ? text : text.replace(value, REDACTED);
        return redactUrls(KEY_SHAPED.matcher(out).replaceAll("$1" + REDACTED));
    }

    @Override
    public String toString() {
        return value == null ? "ApiKey[none]" : "ApiKey[" + REDACTED + "]";
    }
}
