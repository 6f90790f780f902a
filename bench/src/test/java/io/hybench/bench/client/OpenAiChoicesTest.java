package io.hybench.bench.client;

import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.testing.ReplayServer;
import io.hybench.bench.testing.ReplayServer.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A stream of two choices ({@code n: 2}) in vLLM's shape, interleaved chunk by chunk and closed by one usage
 * chunk that sums both (openai-sse-vllm-n2-usage.txt, written by hand): the record is choice 0's, counted from
 * its own chunks.
 */
class OpenAiChoicesTest {
    @Test
    void keepsChoiceZeroAndCountsItsOwnTokens() throws IOException {
        byte[] stream;
        try (InputStream in = getClass().getResourceAsStream("openai-sse-vllm-n2-usage.txt")) {
            stream = in.readAllBytes();
        }
        RunClock clock = RunClock.startingNow();
        RequestRecord r;
        try (ReplayServer server = ReplayServer.start(Reply.of(200, "text/event-stream", stream));
             StreamingClient client = StreamingClients.create(new Target("n2", ApiKind.OPENAI, ServerFlavor.VLLM, server.uri(),
                     "fixture-model", null), WireFixtures.TEST_OPTIONS, clock, ApiKey.none())) {
            r = client.execute(GenerationRequest.chat("r-n2", "What colour is the sky?", 4), clock.nanos());
        }
        assertNull(r.error());
        assertEquals("The sky is blue", r.text(), "choice 1's \"Blue.\" is not interleaved into it");
        assertEquals(4, r.chunkArrivalNanos().length, "choice 0's content chunks only");
        assertEquals(4, r.outputTokens(), "usage.completion_tokens (6) sums both choices");
        assertEquals(TokenCountSource.CHUNKS, r.outputTokenSource());
        assertEquals(12, r.inputTokens(), "the prompt is shared: its count stands");
        assertEquals("length", r.finishReason(), "choice 0's finish reason, not choice 1's");
    }
}
