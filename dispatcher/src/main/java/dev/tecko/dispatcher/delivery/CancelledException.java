package dev.tecko.dispatcher.delivery;

/** The delivery was given up because its dispatcher is stopping or lost the partition; nothing is reported. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("delivery cancelled", null, false, false);
    }
}
