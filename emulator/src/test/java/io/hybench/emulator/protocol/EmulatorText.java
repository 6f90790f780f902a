package io.hybench.emulator.protocol;

/**
 * The emulator's generated text seen from outside the package, so a test can tell which emulator request
 * (its truth-log number) a client record belongs to by the text the record holds.
 */
public final class EmulatorText {
    private EmulatorText() {
    }

    /** Tokens {@code 0..tokens-1} of the answer to request {@code ordinal} of an emulator started with {@code seed}. */
    public static String text(long seed, long ordinal, int tokens) {
        return new TokenText(seed).text(ordinal, tokens);
    }
}
