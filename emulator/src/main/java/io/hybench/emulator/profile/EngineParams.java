package io.hybench.emulator.profile;

/** The performance-model parameters of one engine kind; each kind has its own record. */
public sealed interface EngineParams permits OllamaParams, VllmParams, CloudParams {
}
