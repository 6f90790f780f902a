package io.hybench.bench.load;

/** A workload file or prompt file that cannot be used; the message names the file and the field or line. */
public final class WorkloadException extends RuntimeException {
    public WorkloadException(String message) {
        super(message);
    }

    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
