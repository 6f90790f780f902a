package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One emulated deployment: a model name, its engine's performance model, answer lengths and faults.
 *
 * @param name           the profile's name ({@code hybench emulate --profile NAME})
 * @param description    what it stands for and where its figures come from (one line)
 * @param model          the model name the server lists and accepts
 * @param serverVersion  reported by {@code /api/version} and vLLM's fingerprint
 * @param answers        how it answers questions in an answer key; null when the profile has no answer model
 */
public record EmulatorProfile(String name, String description, String model, String serverVersion,
                              EngineParams engine, OutputParams output, FaultParams faults, AnswerParams answers) {
    /** A deployment without an answer model. */
    public EmulatorProfile(String name, String description, String model, String serverVersion,
                           EngineParams engine, OutputParams output, FaultParams faults) {
        this(name, description, model, serverVersion, engine, output, faults, null);
    }

    public EmulatorProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(faults, "faults");
    }

    /**
     * A profile file (docs/emulator.md): description empty and server version 0.0.0 unless given, no faults
     * unless a {@code faults} section names some, no answer model without an {@code answers} section.
     */
    @JsonCreator
    static EmulatorProfile fromFile(@JsonProperty(value = "name", required = true) String name,
                                    @JsonProperty("description") String description,
                                    @JsonProperty(value = "model", required = true) String model,
                                    @JsonProperty("server_version") String serverVersion,
                                    @JsonProperty(value = "engine", required = true) EngineParams engine,
                                    @JsonProperty(value = "output", required = true) OutputParams output,
                                    @JsonProperty("faults") FaultParams faults,
                                    @JsonProperty("answers") AnswerParams answers) {
        if (name.isBlank()) throw new IllegalArgumentException("name must be a non-empty string");
        if (model.isBlank()) throw new IllegalArgumentException("model must be a non-empty string");
        if (engine instanceof VllmParams v && v.kvCacheTokens() < output.contextTokens()) {
            throw new IllegalArgumentException("engine.kv_cache_tokens must hold at least one full context (output.context_tokens = "
                    + output.contextTokens() + "), was " + v.kvCacheTokens());
        }
        return new EmulatorProfile(name, description != null ? description : "", model, serverVersion != null ? serverVersion : "0.0.0",
                engine, output, faults != null ? faults : FaultParams.NONE, answers);
    }

    public EngineKind kind() {
        return switch (engine) {
            case OllamaParams ignored -> EngineKind.OLLAMA;
            case VllmParams ignored -> EngineKind.VLLM;
            case CloudParams ignored -> EngineKind.CLOUD;
        };
    }

    /** The same deployment with other faults (tests and reliability runs). */
    public EmulatorProfile withFaults(FaultParams newFaults) {
        return new EmulatorProfile(name, description, model, serverVersion, engine, output, newFaults, answers);
    }

    /** The same deployment with another engine parameter set of the same kind. */
    public EmulatorProfile withEngine(EngineParams newEngine) {
        return new EmulatorProfile(name, description, model, serverVersion, newEngine, output, faults, answers);
    }

    /** The same deployment with another answer model (null: none). */
    public EmulatorProfile withAnswers(AnswerParams newAnswers) {
        return new EmulatorProfile(name, description, model, serverVersion, engine, output, faults, newAnswers);
    }
}
