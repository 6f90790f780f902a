package io.hybench.bench.client.sse;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.http.Frame;
import io.hybench.bench.client.http.FrameDecoder;
import io.hybench.bench.client.http.FramedStreamParser;

import java.util.function.Consumer;

/** What the SSE protocols' parsers share: {@link SseDecoder} framing, and frames read as {@link SseEvent}s. */
public abstract class SseStreamParser extends FramedStreamParser {
    protected SseStreamParser(RecordBuilder rec, ApiKey key) {
        super(rec, key);
    }

    @Override
    public final FrameDecoder newDecoder(Consumer<Frame> sink) {
        return new SseDecoder(sink::accept);
    }

    @Override
    public final void onFrame(Frame frame) {
        onEvent((SseEvent) frame);
    }

    @Override
    public final boolean mayEnd(Frame frame) {
        return mayEndWith((SseEvent) frame);
    }

    /** Reads one event. @throws io.hybench.bench.client.http.MalformedStreamException on protocol violations */
    protected abstract void onEvent(SseEvent e);

    /** {@link #mayEnd} for this protocol's events. */
    protected abstract boolean mayEndWith(SseEvent e);
}
