package dev.tecko.processor.machine;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;

/** Keeps a job's {@link BatchCounts} in step as one batch changes, without reading the others. */
final class BatchTally {
    private BatchTally() {
    }

    /** The counts after one batch went from {@code before} to {@code after}. */
    static BatchCounts moved(BatchCounts counts, BatchStatus before, BatchStatus after) {
        int completed = counts.completed() - (before.isCompleted() ? 1 : 0) + (after.isCompleted() ? 1 : 0);
        int failed = counts.failed() - (failedTerminal(before) ? 1 : 0) + (failedTerminal(after) ? 1 : 0);
        return new BatchCounts(counts.total(), completed, failed, counts.total() - completed - failed);
    }

    /** How many batches are completed with every request failed, after one batch went from {@code before} to {@code after}. */
    static int allFailedMoved(int allFailed, BatchSnapshot before, BatchSnapshot after) {
        return allFailed - (before.allRequestsFailed() != null ? 1 : 0) + (after.allRequestsFailed() != null ? 1 : 0);
    }

    /** Terminal but not completed, as {@link BatchCounts#of} counts a failure. */
    private static boolean failedTerminal(BatchStatus status) {
        return status.isTerminal() && !status.isCompleted();
    }
}
