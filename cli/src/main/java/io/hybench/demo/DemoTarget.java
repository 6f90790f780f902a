package io.hybench.demo;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;

import java.util.List;

/**
 * One emulated deployment of the demo and the protocol it is spoken to in: the same workload against
 * an Ollama-like, a vLLM-like and a cloud-like server, each through its own wire format.
 */
record DemoTarget(String name, String profile, ApiKind api, ServerFlavor flavor) {

    static final List<DemoTarget> DEFAULT = List.of(
            new DemoTarget("ollama-8b-q4-emulated", "llama3.1-8b-q4-gpu-ollama-parallel4", ApiKind.OLLAMA, ServerFlavor.OLLAMA),
            new DemoTarget("vllm-8b-a100-emulated", "llama3.1-8b-a100-vllm", ApiKind.OPENAI, ServerFlavor.VLLM),
            new DemoTarget("cloud-frontier-emulated", "frontier-cloud-api", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC));
}
