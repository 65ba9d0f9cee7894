package dev.tecko.processor.state;

import dev.tecko.schemas.BatchSnapshot;
import java.util.Objects;

/**
 * One batch of a job as the {@code jobs-batches} store keeps it: the batch and its place in the job ({@code position},
 * its index in the spec's {@code batchIds}), which orders the job's batches in its snapshot and trigger. The store's key
 * is {@link #key(String, String) jobId/batchId}.
 */
public record BatchRow(int position, BatchSnapshot batch) {
    /** Not an id character ({@code Check.ID}): the prefix {@code jobId/} holds the rows of that job and no other. */
    public static final char SEPARATOR = '/';

    public BatchRow {
        Objects.requireNonNull(batch, "batch");
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
    }

    public String batchId() {
        return batch.batchId();
    }

    public BatchRow with(BatchSnapshot newBatch) {
        return new BatchRow(position, newBatch);
    }

    public static String key(String jobId, String batchId) {
        return prefix(jobId) + batchId;
    }

    /** The key prefix of every row of the job. */
    public static String prefix(String jobId) {
        return jobId + SEPARATOR;
    }
}
