package io.hybench.emulator.protocol;

/** A request the server refuses on its own terms (bad field, unknown model); each front-end words it. */
final class ApiError extends Exception {
    enum Kind { INVALID, NOT_FOUND }

    final Kind kind;

    private ApiError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static ApiError invalid(String message) {
        return new ApiError(Kind.INVALID, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(Kind.NOT_FOUND, message);
    }

    int status() {
        return kind == Kind.NOT_FOUND ? 404 : 400;
    }
}
