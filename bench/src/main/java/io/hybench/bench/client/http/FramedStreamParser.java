package io.hybench.bench.client.http;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;

/**
 * What every protocol's parser shares: bytes go to its frame decoder, frames to the protocol's own
 * reading, and once the end marker or an in-stream error was seen ({@link #done}) nothing after it counts.
 */
public abstract class FramedStreamParser implements StreamParser {
    protected final RecordBuilder rec;
    protected final ApiKey key;
    protected boolean done;

    protected FramedStreamParser(RecordBuilder rec, ApiKey key) {
        this.rec = rec;
        this.key = key;
    }

    /** The decoder that calls back into this parser's frame handler. */
    protected abstract FrameDecoder decoder();

    @Override
    public final void accept(byte[] bytes, long arrivalNanos) {
        decoder().feed(bytes, 0, bytes.length, arrivalNanos);
    }

    @Override
    public final void endOfStream(long arrivalNanos) {
        decoder().finish(arrivalNanos);
    }

    @Override
    public final boolean done() {
        return done;
    }
}
