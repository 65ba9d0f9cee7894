package dev.tecko.dispatcher.delivery;

import dev.tecko.schemas.DeliveryProgress;

/**
 * Where a trigger's delivery progress goes ({@code delivery-status}). Best effort: called on the delivering thread, it
 * must return quickly and should not throw (what it throws is caught and logged all the same).
 */
@FunctionalInterface
public interface DeliveryProgressSink {
    void publish(DeliveryProgress progress);

    DeliveryProgressSink NONE = progress -> { };
}
