package io.hybench.emulator.protocol;

import java.nio.charset.StandardCharsets;

/** One write of a streamed response: its role in the stream (for the truth log) and its exact bytes. */
record Chunk(String kind, byte[] bytes) {
    static Chunk ndjson(String kind, String json) {
        return new Chunk(kind, (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Chunk sse(String kind, String json) {
        return new Chunk(kind, ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    static Chunk namedSse(String kind, String event, String json) {
        return new Chunk(kind, ("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
