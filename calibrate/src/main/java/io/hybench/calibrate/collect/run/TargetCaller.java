package io.hybench.calibrate.collect.run;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;

import java.util.concurrent.Semaphore;

/**
 * Sends requests to one target: at most {@code concurrency} in flight, all paused together when the
 * server asks for a pause, rate-limit and overload failures retried per {@link RetryPolicy}.
 */
final class TargetCaller implements AutoCloseable {
    private final CollectTarget target;
    private final StreamingClient client;
    private final RunClock clock;
    private final Semaphore inFlight;
    private final RateLimitGate gate;
    private final RetryPolicy retry;

    TargetCaller(CollectTarget target, StreamingClient client, RunClock clock, Pacer pacer, RetryPolicy retry) {
        this.target = target;
        this.client = client;
        this.clock = clock;
        this.inFlight = new Semaphore(target.concurrency());
        this.gate = new RateLimitGate(pacer);
        this.retry = retry;
    }

    CollectTarget target() {
        return target;
    }

    /** A successful record, or SideFailure; InterruptedException when the run is being stopped. */
    RequestRecord call(GenerationRequest request) throws SideFailure, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            gate.awaitClear();
            RequestRecord r;
            inFlight.acquire();
            try {
                r = client.execute(request, clock.nanos());
            } finally {
                inFlight.release();
            }
            if (r.succeeded()) return r;
            if (r.error().errorClass() == ErrorClass.CANCELLED || Thread.currentThread().isInterrupted()) throw new InterruptedException("run stopped");
            if (!retry.retryable(r.error()) || attempt >= retry.maxAttempts()) throw new SideFailure(target.name(), r.error());
            gate.pause(retry.waitMs(r.error(), attempt));
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
