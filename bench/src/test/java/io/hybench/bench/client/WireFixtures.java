package io.hybench.bench.client;

import io.hybench.bench.testing.ReplayServer;
import io.hybench.core.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The recorded streams of shared/fixtures/wire with what each one contains, derived by hand from
 * the files (see SOURCES.md there): text, content chunks, token counts and where they come from,
 * finish reason.
 */
final class WireFixtures {
    private WireFixtures() {
    }

    record Expected(String file, ApiKind api, ServerFlavor flavor, String contentType, String text, int contentChunks,
                    Integer inputTokens, TokenCountSource inputSource, int outputTokens, TokenCountSource outputSource,
                    String finishReason) {

        byte[] bytes() {
            try {
                return Files.readAllBytes(SharedData.file("fixtures/wire/" + file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Target target(ReplayServer server) {
            return new Target("replay-" + file, api, flavor, server.uri(), "fixture-model", null);
        }

        GenerationRequest request() {
            return GenerationRequest.chat("r-" + file, "replayed", 64);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final TokenCountSource SERVER = TokenCountSource.SERVER;

    static final List<Expected> ALL = List.of(
            new Expected("openai-sse-openai-python-1-text-usage.txt", ApiKind.OPENAI, ServerFlavor.OPENAI, SSE,
                    "I'm unable to provide real-time weather updates. To get the current weather in San Francisco,"
                            + " I recommend checking a reliable weather website or a weather app.",
                    30, 14, SERVER, 30, SERVER, "stop"),
            new Expected("openai-sse-openai-python-2-logprobs.txt", ApiKind.OPENAI, ServerFlavor.OPENAI, SSE,
                    "Foo!", 2, 9, SERVER, 2, SERVER, "stop"),
            // 2 tool-call name fragments + 11 + 9 argument fragments; no text at all
            new Expected("openai-sse-openai-python-4-parallel-tool-calls.txt", ApiKind.OPENAI, ServerFlavor.OPENAI, SSE,
                    "", 22, 149, SERVER, 60, SERVER, "tool_calls"),
            new Expected("openai-sse-pydantic-ai-5-obfuscation-usage-null.txt", ApiKind.OPENAI, ServerFlavor.OPENAI, SSE,
                    "The capital of the UK is London.", 8, 78, SERVER, 9, SERVER, "stop"),
            // vLLM counts EOS: 13 content chunks, completion_tokens 14
            new Expected("vllm-sse-pydantic-ai-1-crusoe-vllm0.24-usage.txt", ApiKind.OPENAI, ServerFlavor.VLLM, SSE,
                    "1, 2, 3, 4, 5", 13, 46, SERVER, 14, SERVER, "stop"),
            new Expected("anthropic-sse-anthropic-sdk-python-1-basic.txt", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, SSE,
                    "Hello there!", 3, 11, SERVER, 6, SERVER, "end_turn"),
            // 2 text deltas + 4 non-empty input_json_delta fragments (the first partial_json is "")
            new Expected("anthropic-sse-anthropic-sdk-python-2-tool-use.txt", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, SSE,
                    "I'll check the current weather in Paris for you.", 6, 377, SERVER, 65, SERVER, "tool_use"),
            // truncated capture: 5 content lines kept, eval_count still says 239
            new Expected("ollama-ndjson-semantic-kernel-1-chat-stream.txt", ApiKind.OLLAMA, ServerFlavor.OLLAMA,
                    "application/x-ndjson", " these times of day.", 5, 10, SERVER, 239, SERVER, "stop"));

    /** Short timeouts: a replay that hangs fails fast instead of stalling the suite. */
    static final ClientOptions TEST_OPTIONS =
            new ClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
}
