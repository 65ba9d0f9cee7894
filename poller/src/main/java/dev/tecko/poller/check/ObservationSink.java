package dev.tecko.poller.check;

import dev.tecko.schemas.BatchObservation;

/** Where observations go: the {@code batch-status} topic in the runtime, a list in tests. */
@FunctionalInterface
public interface ObservationSink {
    void publish(BatchObservation observation);
}
