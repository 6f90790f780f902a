package io.hybench.emulator.profile;

/** A profile that cannot be used; the message names the source, the field and the reason. */
public final class ProfileException extends RuntimeException {
    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
