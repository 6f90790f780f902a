package io.hybench.bench.client.http;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;

/**
 * What every protocol's parser shares: once the end marker or an in-stream error was seen
 * ({@link #done}) nothing after it counts, and the one-thread byte path ({@link #accept}) runs the
 * protocol's own decoder straight into {@link #onFrame}.
 */
public abstract class FramedStreamParser implements StreamParser {
    protected final RecordBuilder rec;
    protected final ApiKey key;
    protected boolean done;
    private FrameDecoder direct;

    protected FramedStreamParser(RecordBuilder rec, ApiKey key) {
        this.rec = rec;
        this.key = key;
    }

    @Override
    public final void accept(byte[] bytes, long arrivalNanos) {
        direct().feed(bytes, 0, bytes.length, arrivalNanos);
    }

    @Override
    public final void endOfStream(long arrivalNanos) {
        direct().finish(arrivalNanos);
    }

    private FrameDecoder direct() {
        if (direct == null) direct = newDecoder(this::onFrame);
        return direct;
    }

    @Override
    public final boolean done() {
        return done;
    }
}
