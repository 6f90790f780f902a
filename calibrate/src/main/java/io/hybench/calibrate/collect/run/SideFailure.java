package io.hybench.calibrate.collect.run;

import io.hybench.bench.client.RequestError;

/** A target could not answer a question in this run (after waiting out rate limits). */
public final class SideFailure extends Exception {
    private final String target;
    private final RequestError error;

    public SideFailure(String target, RequestError error) {
        super("target '" + target + "': " + error.errorClass() + (error.httpStatus() == null ? "" : " (HTTP " + error.httpStatus() + ")") + ": " + error.message());
        this.target = target;
        this.error = error;
    }

    public String target() {
        return target;
    }

    public RequestError error() {
        return error;
    }
}
