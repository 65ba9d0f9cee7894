package dev.tecko.schemas;

import java.util.Collection;

/** How a job's batches stand: completed, failed (any other terminal status) and still open. */
public record BatchCounts(int total, int completed, int failed, int open) {
    public BatchCounts {
        Check.nonNegative(total, "counts.total");
        Check.nonNegative(completed, "counts.completed");
        Check.nonNegative(failed, "counts.failed");
        Check.nonNegative(open, "counts.open");
        if (completed + failed + open != total) {
            throw new InvalidContractException("counts", "completed + failed + open must equal total");
        }
    }

    public static BatchCounts of(Collection<BatchSnapshot> batches) {
        int completed = 0;
        int failed = 0;
        for (BatchSnapshot b : batches) {
            if (b.status().isCompleted()) {
                completed++;
            } else if (b.status().isTerminal()) {
                failed++;
            }
        }
        return new BatchCounts(batches.size(), completed, failed, batches.size() - completed - failed);
    }

    public boolean allTerminal() {
        return open == 0;
    }
}
