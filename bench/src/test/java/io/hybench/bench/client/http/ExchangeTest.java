package io.hybench.bench.client.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An exchange started on one thread (an open loop's scheduler) and awaited on another. */
class ExchangeTest {

    /** The response ended before any thread awaited it: the signal is kept, so the waiter does not sleep out its deadline. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSignalBeforeTheWaiterArrivesIsKept() {
        Exchange ex = new Exchange(null, "r1", null);
        ex.finish(new Exchange.Outcome.Ended(42));
        ex.awaitedBy(Thread.currentThread());
        assertTrue(ex.await(TimeUnit.HOURS.toNanos(1)));
        assertInstanceOf(Exchange.Outcome.Ended.class, ex.outcome());
    }

    /** The response ends while its waiter is parked: the waiter is woken. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aParkedWaiterIsWoken() throws InterruptedException {
        Exchange ex = new Exchange(null, "r2", null);
        ex.awaitedBy(Thread.currentThread());
        Thread io = Thread.ofPlatform().start(() -> ex.finish(new Exchange.Outcome.Ended(7)));
        while (ex.outcome() == null) assertTrue(ex.await(TimeUnit.HOURS.toNanos(1)));
        io.join();
        assertInstanceOf(Exchange.Outcome.Ended.class, ex.outcome());
    }
}
