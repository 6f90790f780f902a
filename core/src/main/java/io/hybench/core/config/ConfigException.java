package io.hybench.core.config;

/** A configuration file that cannot be used; the one-line message names file, line, column and key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
