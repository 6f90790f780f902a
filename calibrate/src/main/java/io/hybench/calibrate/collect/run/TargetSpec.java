package io.hybench.calibrate.collect.run;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the compact target syntax of the command line: comma-separated {@code key=value} pairs, e.g.
 * {@code api=ollama,url=http://127.0.0.1:11434,model=llama3.2:3b} or
 * {@code name=gpt,api=openai,url=https://api.openai.com,model=gpt-4o-mini,key-env=OPENAI_API_KEY,flavor=openai}.
 * Keys and defaults are listed in docs/collect.md. Unknown keys, repeated keys and bad values are
 * errors that name the key.
 */
public final class TargetSpec {
    private static final Set<String> KEYS = Set.of("name", "api", "url", "model", "key-env", "flavor", "concurrency",
            "logprobs", "top-logprobs", "samples", "sample-temperature", "temperature", "max-tokens", "emulator-profile");

    private TargetSpec() {
    }

    public static CollectTarget parse(String spec, String defaultName) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("target spec '" + spec + "': expected key=value, got '" + part.strip() + "'");
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) throw new IllegalArgumentException("target spec: unknown key '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            if (kv.put(key, part.substring(eq + 1).strip()) != null) throw new IllegalArgumentException("target spec: key '" + key + "' given twice");
        }
        String name = kv.getOrDefault("name", defaultName);
        ApiKind api = enumValue(ApiKind.class, "api", required(kv, "api"));
        ServerFlavor flavor = kv.containsKey("flavor") ? enumValue(ServerFlavor.class, "flavor", kv.get("flavor")) : ServerFlavor.impliedBy(api);
        URI url;
        try {
            url = new URI(required(kv, "url"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target spec: url is not a URI: " + e.getMessage());
        }
        if (url.getScheme() == null || url.getHost() == null) throw new IllegalArgumentException("target spec: url needs scheme and host, got '" + url + "'");
        // Declared, as a workload's emulatorProfile: the collect provenance records it so pages built from the rows say so.
        String emulatorProfile = kv.get("emulator-profile");
        if (emulatorProfile != null && emulatorProfile.isEmpty()) throw new IllegalArgumentException("target spec: 'emulator-profile' is empty");
        Target target = new Target(name, api, flavor, url, required(kv, "model"), kv.get("key-env"), emulatorProfile);
        boolean logprobs = kv.containsKey("logprobs") ? bool(kv.get("logprobs")) : api != ApiKind.ANTHROPIC;
        return new CollectTarget(target, integer(kv, "concurrency", 4), logprobs, integer(kv, "top-logprobs", logprobs ? 5 : 0),
                integer(kv, "samples", 0), number(kv, "sample-temperature", 0.7), number(kv, "temperature", 0), integer(kv, "max-tokens", 512));
    }

    private static String required(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException("target spec: '" + key + "' is required");
        return v;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String v) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target spec: " + key + " '" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("target spec: logprobs must be true or false, got '" + v + "'");
        };
    }

    private static int integer(Map<String, String> kv, String key, int def) {
        String v = kv.get(key);
        if (v == null) return def;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target spec: " + key + " must be an integer, got '" + v + "'");
        }
    }

    private static double number(Map<String, String> kv, String key, double def) {
        String v = kv.get(key);
        if (v == null) return def;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target spec: " + key + " must be a number, got '" + v + "'");
        }
    }

}
