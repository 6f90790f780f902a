package io.hybench.emulator.protocol;

import java.util.Map;

/** A complete non-2xx answer: status, extra headers (e.g. retry-after) and a JSON body. */
record ErrorReply(int status, Map<String, String> headers, String body) {
    ErrorReply(int status, String body) {
        this(status, Map.of(), body);
    }
}
