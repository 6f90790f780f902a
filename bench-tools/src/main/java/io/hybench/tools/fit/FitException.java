package io.hybench.tools.fit;

/** A run that cannot be fitted, or options that do not fit it; the message is one line for the user. */
public final class FitException extends RuntimeException {
    public FitException(String message) {
        super(message);
    }
}
