package io.hybench.bench.probe;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The probe's JSON is a public format (docs/probe.md): its bytes stay as they are however the record groups its parts. */
class ProbeResultTest {
    static final RequestRecord.Destination TO = new RequestRecord.Destination("ollama-local", ApiKind.OLLAMA, "llama3.1:8b", "/api/chat");

    @Test
    void aSuccessIsWrittenByteForByte() throws Exception {
        // sent on time at 1 ms; first content at 21 ms, second chunk at 31 ms, end at 41 ms; 3 output tokens
        RequestRecord r = new RequestRecord("probe-1", TO,
                new RequestRecord.Timeline(1_000_000, 1_100_000, 5_000_000L, 21_000_000L, new long[] {21_000_000, 31_000_000}, new int[] {1, 2}, 41_000_000),
                new RequestRecord.Tokens(12, TokenCountSource.SERVER, 3, TokenCountSource.SERVER, false),
                new RequestRecord.Reply("stop", "Hi", null, List.of()), null, null);
        assertEquals("{\"target\":\"ollama-local\",\"api\":\"ollama\",\"model\":\"llama3.1:8b\",\"endpoint\":\"/api/chat\",\"text\":\"Hi\","
                + "\"inputTokens\":12,\"inputTokenSource\":\"SERVER\",\"outputTokens\":3,\"outputTokenSource\":\"SERVER\",\"contentChunks\":2,"
                + "\"ttftMs\":20.0,\"e2eMs\":40.0,\"tpotMs\":5.0,\"finishReason\":\"stop\",\"outputLengthForced\":false,\"serverTimings\":null,"
                + "\"errorClass\":null,\"httpStatus\":null,\"errorMessage\":null,\"retryAfterMs\":null}",
                Json.MAPPER.writeValueAsString(ProbeResult.of(r)));
    }

    @Test
    void aFailureIsWrittenByteForByte() throws Exception {
        RequestRecord r = new RequestRecord("probe-1", TO,
                new RequestRecord.Timeline(1_000_000, 1_100_000, 5_000_000L, null, new long[0], new int[0], 6_000_000),
                new RequestRecord.Tokens(null, TokenCountSource.UNKNOWN, null, TokenCountSource.UNKNOWN, false),
                new RequestRecord.Reply(null, "", null, List.of()), new RequestError(ErrorClass.RATE_LIMITED, 429, "slow down", 2_000L), null);
        assertEquals("{\"target\":\"ollama-local\",\"api\":\"ollama\",\"model\":\"llama3.1:8b\",\"endpoint\":\"/api/chat\",\"text\":\"\","
                + "\"inputTokens\":null,\"inputTokenSource\":\"UNKNOWN\",\"outputTokens\":null,\"outputTokenSource\":\"UNKNOWN\",\"contentChunks\":0,"
                + "\"ttftMs\":null,\"e2eMs\":null,\"tpotMs\":null,\"finishReason\":null,\"outputLengthForced\":false,\"serverTimings\":null,"
                + "\"errorClass\":\"RATE_LIMITED\",\"httpStatus\":429,\"errorMessage\":\"slow down\",\"retryAfterMs\":2000}",
                Json.MAPPER.writeValueAsString(ProbeResult.of(r)));
    }
}
