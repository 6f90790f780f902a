package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The performance-model parameters of one engine kind; each kind has its own record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = OllamaParams.class, name = "ollama"),
        @JsonSubTypes.Type(value = VllmParams.class, name = "vllm"),
        @JsonSubTypes.Type(value = CloudParams.class, name = "cloud")})
public sealed interface EngineParams permits OllamaParams, VllmParams, CloudParams {
}
