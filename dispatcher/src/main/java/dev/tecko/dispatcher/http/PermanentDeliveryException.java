package dev.tecko.dispatcher.http;

/** The target refused the request for good (4xx other than 408/429): retrying cannot help. */
public final class PermanentDeliveryException extends DeliveryException {
    public PermanentDeliveryException(String message, Integer httpStatus) {
        super(message, httpStatus);
    }
}
