package io.hybench.bench.client.http;

/** The response body broke its protocol (unparseable JSON, wrong shape). Becomes MALFORMED_STREAM. */
public final class MalformedStreamException extends RuntimeException {
    private static final int MAX_QUOTED_CHARS = 200;

    public MalformedStreamException(String what, String frame, Throwable cause) {
        super(what + ": " + quote(frame), cause);
    }

    private static String quote(String frame) {
        return frame.length() <= MAX_QUOTED_CHARS ? frame : frame.substring(0, MAX_QUOTED_CHARS) + "...";
    }
}
