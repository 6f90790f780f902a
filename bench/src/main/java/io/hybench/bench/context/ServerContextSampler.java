package io.hybench.bench.context;

import io.hybench.bench.client.RunClock;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls one target's {@link ServerProbe} on absolute ticks from its own virtual thread, so a slow or
 * silent server never delays the step's reporter; the reporter takes the newest reading each second.
 */
public final class ServerContextSampler implements AutoCloseable {
    private final ServerProbe probe;
    private final AtomicReference<ServerGauges> latest = new AtomicReference<>();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread;
    private volatile String failure;
    private volatile boolean stopped;

    private ServerContextSampler(ServerProbe probe, HttpClient http, RunClock clock, long periodNanos) {
        this.probe = probe;
        this.thread = Thread.ofVirtual().name("server-context-" + probe.target().name()).start(() -> poll(http, clock, periodNanos));
    }

    public static ServerContextSampler start(ServerProbe probe, HttpClient http, RunClock clock, long periodNanos) {
        return new ServerContextSampler(probe, http, clock, periodNanos);
    }

    private void poll(HttpClient http, RunClock clock, long periodNanos) {
        long next = clock.nanos();
        while (!stopped) {
            try {
                latest.set(probe.sample(http, clock.nanos()));
                samples.incrementAndGet();
            } catch (IOException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            } catch (InterruptedException e) {
                return;
            }
            next += periodNanos;
            for (long wait; !stopped && (wait = next - clock.nanos()) > 0; ) LockSupport.parkNanos(wait);
        }
    }

    /** The newest reading not taken before, or null when none arrived since the last call. */
    public ServerGauges takeLatest() {
        return latest.getAndSet(null);
    }

    /** Sampled when at least one reading arrived; otherwise the last failure is the reason. */
    public SamplingStatus status() {
        int n = samples.get();
        if (n > 0) return new SamplingStatus(probe.gaugeSource(), n, null);
        return SamplingStatus.notSampled(probe.gaugeSource(), failure != null ? failure : "no reply during the step");
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
