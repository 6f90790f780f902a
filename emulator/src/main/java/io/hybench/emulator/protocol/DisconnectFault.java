package io.hybench.emulator.protocol;

/**
 * Thrown out of an exchange handler to cut the connection mid-stream: the JDK server then closes the
 * socket without the chunked terminator, which a client sees as a truncated body.
 */
final class DisconnectFault extends RuntimeException {
    DisconnectFault() {
        super("injected disconnect", null, false, false);
    }
}
