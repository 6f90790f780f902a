package io.hybench.emulator.profile;

import io.hybench.core.config.ConfigException;
import io.hybench.core.config.ConfigFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds emulator profiles (built in or files) and binds them to {@link EmulatorProfile} through the
 * project's configuration dialect; each record checks its own keys. The format is documented in
 * {@code docs/emulator.md}; durations are in milliseconds ({@code ..._ms}), rates in per second.
 */
public final class ProfileLoader {
    /** The profiles shipped in the jar, by name. */
    public static final List<String> BUILT_IN = List.of(
            "llama3.1-8b-q4-gpu-ollama",
            "llama3.1-8b-q4-gpu-ollama-parallel4",
            "llama3.1-8b-a100-ollama",
            "llama3.1-8b-a100-vllm",
            "llama3.1-8b-h200-transformers-cb",
            "llama3.1-70b-q4-ollama",
            "llama3.1-8b-q4-cpu-ollama",
            "frontier-cloud-api");

    private ProfileLoader() {
    }

    /** A built-in profile by name, or a YAML file when {@code nameOrPath} ends in .yaml/.yml. */
    public static EmulatorProfile load(String nameOrPath) {
        String lower = nameOrPath.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return fromFile(Path.of(nameOrPath));
        if (!BUILT_IN.contains(nameOrPath)) {
            throw new ProfileException("unknown profile '" + nameOrPath + "'; built-in profiles: " + String.join(", ", BUILT_IN)
                    + " (or give a path to a .yaml file)");
        }
        String resource = "/io/hybench/emulator/profiles/" + nameOrPath + ".yaml";
        try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
            if (in == null) throw new ProfileException("built-in profile resource missing: " + resource);
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new ProfileException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public static EmulatorProfile fromFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ProfileException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates one profile; {@code source} names it in error messages. */
    public static EmulatorProfile parse(String yaml, String source) {
        try {
            return ConfigFiles.parse(yaml, source, EmulatorProfile.class, Map.of());
        } catch (ConfigException e) {
            throw new ProfileException("profile " + e.getMessage(), e);
        }
    }
}
