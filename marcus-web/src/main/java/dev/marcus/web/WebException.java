package dev.marcus.web;

/** An HTTP-level refusal of the web adapter itself (unauthenticated, forbidden, bad JSON), with its status. */
final class WebException extends RuntimeException {
    private final int status;
    private final String code;

    WebException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
