package io.hybench.calibrate.collect.grade;

/** The judge target failed (after retries); the answer stays ungraded and its row is not written. */
public final class JudgeUnavailableException extends RuntimeException {
    public JudgeUnavailableException(String message) {
        super(message);
    }
}
