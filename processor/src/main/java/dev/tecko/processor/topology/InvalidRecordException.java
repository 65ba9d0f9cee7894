package dev.tecko.processor.topology;

/**
 * An input record the processor cannot use (unreadable, invalid, or keyed by another job than it names). Thrown after
 * whatever could still be said about it (a {@code command_rejected} event) was emitted, so that Kafka Streams' processing
 * exception handler sends the original bytes to the DLQ, with this message as the reason, and goes on.
 */
public class InvalidRecordException extends RuntimeException {
    public InvalidRecordException(String message) {
        super(message);
    }
}
