package io.hybench.emulator.profile;

/** Which performance model serves a profile; it also picks the OpenAI dialect spoken on {@code /v1}. */
public enum EngineKind {
    OLLAMA, VLLM, CLOUD
}
