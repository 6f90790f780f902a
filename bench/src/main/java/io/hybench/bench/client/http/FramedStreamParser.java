package io.hybench.bench.client.http;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What every protocol's parser shares. The I/O thread only cuts the body at the protocol's frame
 * boundaries ({@link BoundaryFramer}) and tests the bytes for end markers; the protocol's own decoder
 * (SSE, NDJSON) then reads those bytes on the request's thread, with the stamps they came with, and hands
 * each decoded frame's bytes to the protocol's reading, which reads their JSON with the stream's one {@link #json}
 * reader. The one-thread byte path ({@link #accept}) runs the same decoder straight on the bytes. Once the end
 * marker or an in-stream error was seen ({@link #done}) nothing after it counts.
 */
public abstract class FramedStreamParser implements StreamParser {
    protected final RecordBuilder rec;
    protected final ApiKey key;
    /** The stream's JSON frames' reader; closed once the stream is done or its body ended. */
    protected final WireJson.Reader json = new WireJson.Reader();
    protected boolean done;
    private final byte[][] endNeedles;
    private FrameDecoder decoder;

    /**
     * @param endNeedles byte strings whose presence in a frame means it may end the stream ({@link #mayEnd});
     *                   a false positive costs a wake-up, a miss delays reading until the body ends
     */
    protected FramedStreamParser(RecordBuilder rec, ApiKey key, String... endNeedles) {
        this.rec = rec;
        this.key = key;
        this.endNeedles = new byte[endNeedles.length][];
        for (int i = 0; i < endNeedles.length; i++) this.endNeedles[i] = endNeedles[i].getBytes(StandardCharsets.UTF_8);
    }

    /** Where this protocol's frames end. */
    protected abstract BoundaryFramer.Boundary boundary();

    /**
     * The protocol's decoder, which hands every decoded frame to this parser's own reading of it; that reading
     * ignores frames after {@link #done} and throws {@link MalformedStreamException} on protocol violations.
     */
    protected abstract FrameDecoder protocolDecoder();

    @Override
    public final BoundaryFramer newDecoder(Consumer<RawFrame> sink) {
        return new BoundaryFramer(boundary(), sink);
    }

    @Override
    public final void onFrame(RawFrame raw) {
        decoder().feed(raw.bytes(), 0, raw.bytes().length, raw.arrivalNanos());
        if (raw.last()) decoder().finish(raw.arrivalNanos());
        if (done || raw.last()) json.close();
    }

    @Override
    public final boolean mayEnd(RawFrame raw) {
        if (raw.last()) return true;
        for (byte[] needle : endNeedles) {
            if (raw.contains(needle)) return true;
        }
        return false;
    }

    @Override
    public final void accept(byte[] bytes, long arrivalNanos) {
        decoder().feed(bytes, 0, bytes.length, arrivalNanos);
        if (done) json.close();
    }

    @Override
    public final void endOfStream(long arrivalNanos) {
        decoder().finish(arrivalNanos);
        json.close();
    }

    private FrameDecoder decoder() {
        if (decoder == null) decoder = protocolDecoder();
        return decoder;
    }

    @Override
    public final boolean done() {
        return done;
    }
}
