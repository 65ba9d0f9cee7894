package dev.tecko.processor.machine;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;

/**
 * Whether an observation of a batch is later than what the job holds, judged by what the provider said, never by the
 * clocks of two pollers: after a rebalance the new poller's clock may be behind the old one's, and a {@code completed}
 * must not be dropped as older than an {@code in_progress}. A terminal status beats any other and is absorbing; then the
 * status's place in the provider's lifecycle; then the progress of the request counts. Only between two observations
 * the provider reports alike (same place, same progress: a poll error appearing, say) does {@code observedAt} decide.
 */
final class ObservationOrder {
    private ObservationOrder() {
    }

    static boolean isLater(BatchObservation observation, BatchSnapshot held) {
        if (held.status().isTerminal()) {
            return false;
        }
        if (observation.status().isTerminal()) {
            return true;
        }
        int byStatus = Integer.compare(rank(observation.status()), rank(held.status()));
        if (byStatus != 0) {
            return byStatus > 0;
        }
        int byProgress = Long.compare(progress(observation.requestCounts()), progress(held.requestCounts()));
        if (byProgress != 0) {
            return byProgress > 0;
        }
        return held.observedAt() == null || observation.observedAt().isAfter(held.observedAt());
    }

    /** The place of a non-terminal status in the provider's lifecycle ({@code finalizing} and {@code cancelling} are alike). */
    static int rank(BatchStatus status) {
        return switch (status) {
            case PENDING -> 0;
            case VALIDATING -> 1;
            case IN_PROGRESS -> 2;
            case FINALIZING, CANCELLING -> 3;
            default -> 4;
        };
    }

    private static long progress(RequestCounts counts) {
        return (long) counts.completed() + counts.failed();
    }
}
