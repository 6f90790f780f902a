package io.hybench.emulator.profile;

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
