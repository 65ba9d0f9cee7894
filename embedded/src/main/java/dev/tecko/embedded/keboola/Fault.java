package dev.tecko.embedded.keboola;

/** How the sandbox misbehaves on {@code POST /jobs}, switched on by tests and demos. */
public enum Fault {
    /** Answer 503 Service Unavailable. */
    UNAVAILABLE,
    /** Answer 429 Too Many Requests with a {@code Retry-After} header. */
    TOO_MANY_REQUESTS,
    /** Answer 400 with Keboola's error body. */
    BAD_REQUEST,
    /** Accept the connection and never answer (until the fault is cleared or the sandbox closes). */
    HANG
}
