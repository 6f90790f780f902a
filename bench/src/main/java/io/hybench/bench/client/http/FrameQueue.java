package io.hybench.bench.client.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The frames of one exchange on their way from its I/O thread (the only writer) to its caller (the only reader), in
 * order. A frame is one ordered store into an array slot: no compare-and-set and no node per frame, as a
 * {@link java.util.concurrent.ConcurrentLinkedQueue} needs for many writers (docs/performance.md, "One handler per
 * read"). Slots come in segments; a full one links the next.
 */
final class FrameQueue {
    private static final int SEGMENT = 32;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(RawFrame[].class);
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Segment.class, "next", Segment.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Segment {
        final RawFrame[] slots = new RawFrame[SEGMENT];
        Segment next; // written once, ordered (NEXT)
    }

    private Segment writing = new Segment(); // writer only
    private int written;                      // writer only: slots used in writing
    private Segment reading = writing;        // reader only
    private int read;                         // reader only: slots taken from reading

    /** Writer's thread only. The frame and everything written before it are seen by a reader that takes it. */
    void add(RawFrame f) {
        if (written == SEGMENT) {
            Segment next = new Segment();
            next.slots[0] = f;
            NEXT.setRelease(writing, next);
            writing = next;
            written = 1;
            return;
        }
        SLOT.setRelease(writing.slots, written++, f);
    }

    /** Reader's thread only: the oldest frame not yet taken, or null when none has come. */
    RawFrame poll() {
        if (read == SEGMENT) {
            Segment next = (Segment) NEXT.getAcquire(reading);
            if (next == null) return null;
            reading = next;
            read = 0;
        }
        RawFrame f = (RawFrame) SLOT.getAcquire(reading.slots, read);
        if (f != null) read++;
        return f;
    }
}
