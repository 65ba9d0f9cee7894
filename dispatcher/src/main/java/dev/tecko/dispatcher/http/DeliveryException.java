package dev.tecko.dispatcher.http;

/**
 * A delivery attempt that did not succeed. Its message is safe to log and to put in a result: it never holds a
 * credential (see {@link Redaction}).
 */
public class DeliveryException extends RuntimeException {
    private final Integer httpStatus;

    public DeliveryException(String message, Integer httpStatus) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status that was answered, or null when no answer came. */
    public Integer httpStatus() {
        return httpStatus;
    }
}
