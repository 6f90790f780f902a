package io.hybench.bench.client.sse;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.http.BoundaryFramer;
import io.hybench.bench.client.http.FrameDecoder;
import io.hybench.bench.client.http.FramedStreamParser;

/** What the SSE protocols' parsers share: blank-line boundaries, {@link SseDecoder} framing, each event's data read as bytes. */
public abstract class SseStreamParser extends FramedStreamParser {
    protected SseStreamParser(RecordBuilder rec, ApiKey key, String... endNeedles) {
        super(rec, key, endNeedles);
    }

    @Override
    protected final BoundaryFramer.Boundary boundary() {
        return BoundaryFramer.Boundary.BLANK_LINE;
    }

    @Override
    protected final FrameDecoder protocolDecoder() {
        return new SseDecoder((event, data, offset, length, lastEventId, arrivalNanos) -> onEvent(event, data, offset, length, arrivalNanos));
    }

    /**
     * Reads one event; its {@code data:} lines joined (UTF-8) are {@code length} bytes of {@code data} from {@code offset},
     * valid during the call only; nothing after {@link #done} counts.
     *
     * @throws io.hybench.bench.client.http.MalformedStreamException on protocol violations
     */
    protected abstract void onEvent(String event, byte[] data, int offset, int length, long arrivalNanos);
}
