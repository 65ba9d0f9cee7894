package dev.tecko.api.http;

/** The API's RFC 9457 problem types; {@code type} is {@link #BASE} + the slug. */
public enum ProblemType {
    VALIDATION(400, "Invalid request"),
    MALFORMED_BODY(400, "Malformed body"),
    /** The HTTP request itself cannot be read (e.g. a NUL in the path); refused by the server before any route. */
    MALFORMED_REQUEST(400, "Malformed request"),
    UNAUTHORIZED(401, "Unauthorized"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNKNOWN_SECRET(422, "Unknown secret"),
    INTERNAL(500, "Internal error"),
    UNAVAILABLE(503, "Unavailable"),
    TIMEOUT(504, "Timeout");

    public static final String BASE = "https://tecko.dev/problems/";

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return BASE + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
