package io.hybench.jmh.endpoint;

import org.openjdk.jmh.util.SampleBuffer;

/**
 * Hands each request's time to first token from the benchmark thread to {@link TtftProfiler}, in the
 * forked benchmark JVM. JMH times one duration per operation (the whole request); TTFT is a second
 * duration of the same request, so it travels beside JMH's timing and comes back as a secondary result.
 */
final class TtftSamples {
    private static SampleBuffer buffer = new SampleBuffer();

    private TtftSamples() {
    }

    static synchronized void add(long ttftNanos) {
        buffer.add(ttftNanos);
    }

    /** The samples since the last call; the next iteration starts empty. */
    static synchronized SampleBuffer take() {
        SampleBuffer taken = buffer;
        buffer = new SampleBuffer();
        return taken;
    }
}
