package io.hybench.emulator.protocol;

import io.hybench.emulator.engine.CacheUse;
import io.hybench.emulator.engine.Completion;

import java.util.List;

/**
 * Turns one request's engine events into one protocol's bytes. Times are emulator nanoseconds, for
 * servers that stamp chunks with a wall clock (Ollama's created_at).
 */
interface Renderer {
    String streamContentType();

    /** Ollama writes its headers with the first chunk (Go's http.ResponseWriter); SSE servers at once. */
    boolean headersWithFirstChunk();

    /** What the prompt cache does for this request, when the engine decides it at admission (before {@link #start}). */
    default void cached(CacheUse cache) {
    }

    /** Written just before token 0 (role chunk, message_start ...). */
    List<Chunk> start(long atNanos);

    /** The chunk of a text token (empty for the end-of-sequence token). */
    List<Chunk> token(int index, long atNanos);

    /** Everything after the last token (finish, usage, done markers). */
    List<Chunk> finish(Completion completion, long atNanos);

    /** A line in the stream's framing that is not valid JSON (fault injection). */
    Chunk malformed();

    /** The non-streaming answer. */
    String body(Completion completion, long atNanos);
}
