package io.hybench.bench.client.http;

import io.hybench.bench.client.RunClock;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Body subscriber that timestamps each buffer the JDK HTTP client delivers, the moment it is
 * delivered, and queues it for the request's own thread to decode. Timestamps therefore do not wait
 * for the consumer to be scheduled, and the consumer can wait with a deadline (the timeouts).
 * Demand is unbounded so the client never stops reading the socket on our account.
 */
final class BodyQueue implements HttpResponse.BodySubscriber<BodyQueue> {
    private final RunClock clock;
    private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;
    private boolean cancelled;

    BodyQueue(RunClock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<BodyQueue> getBody() {
        // Completed at once: HttpClient.send returns as soon as headers are in; the body streams after.
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancelNow;
        synchronized (this) {
            subscription = s;
            cancelNow = cancelled;
        }
        if (cancelNow) s.cancel();
        else s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long now = clock.nanos();
        int size = 0;
        for (ByteBuffer b : buffers) size += b.remaining();
        byte[] bytes = new byte[size];
        int at = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(bytes, at, n);
            at += n;
        }
        deliveries.add(new Delivery.Bytes(bytes, now));
    }

    @Override
    public void onError(Throwable t) {
        deliveries.add(new Delivery.Failed(t, clock.nanos()));
    }

    @Override
    public void onComplete() {
        deliveries.add(new Delivery.Complete(clock.nanos()));
    }

    /** The next delivery, or null when none arrived within {@code timeoutNanos}. */
    Delivery poll(long timeoutNanos) throws InterruptedException {
        return deliveries.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    /** Stops the body; the JDK client closes the connection. */
    void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            cancelled = true;
            s = subscription;
        }
        if (s != null) s.cancel();
    }
}
