package io.hybench.bench.client.sse;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.http.BoundaryFramer;
import io.hybench.bench.client.http.Frame;
import io.hybench.bench.client.http.FrameDecoder;
import io.hybench.bench.client.http.FramedStreamParser;

import java.util.function.Consumer;

/** What the SSE protocols' parsers share: blank-line boundaries, {@link SseDecoder} framing, frames read as {@link SseEvent}s. */
public abstract class SseStreamParser extends FramedStreamParser {
    protected SseStreamParser(RecordBuilder rec, ApiKey key, String... endNeedles) {
        super(rec, key, endNeedles);
    }

    @Override
    protected final BoundaryFramer.Boundary boundary() {
        return BoundaryFramer.Boundary.BLANK_LINE;
    }

    @Override
    protected final FrameDecoder protocolDecoder(Consumer<Frame> sink) {
        return new SseDecoder(sink::accept);
    }

    @Override
    protected final void onDecoded(Frame frame) {
        onEvent((SseEvent) frame);
    }

    /** Reads one event. @throws io.hybench.bench.client.http.MalformedStreamException on protocol violations */
    protected abstract void onEvent(SseEvent e);
}
