package io.hybench.bench.client.http;

/** What the HTTP client handed over for a response body, stamped with the run clock on arrival. */
sealed interface Delivery {
    long arrivalNanos();

    /** Body bytes (HTTP/1.1 chunk framing already removed by the JDK client). */
    record Bytes(byte[] bytes, long arrivalNanos) implements Delivery {
    }

    /** The body ended normally (last chunk, or close of a close-delimited body). */
    record Complete(long arrivalNanos) implements Delivery {
    }

    /** The connection failed mid-body. */
    record Failed(Throwable cause, long arrivalNanos) implements Delivery {
    }
}
