package dev.tecko.poller.schedule;

import java.util.List;

/**
 * A job whose turn it is, with the batches that need a request (those not seen recently by another path).
 *
 * @param ticket identifies this turn; results of an older turn (e.g. before a rebalance) are ignored
 */
public record DueJob(String jobId, String secret, long ticket, List<DueBatch> batches) {
    public DueJob {
        batches = List.copyOf(batches);
    }

    /** @param providerCreatedAt the batch's {@code created_at}, when it was seen before; bounds list paging */
    public record DueBatch(String batchId, java.time.Instant providerCreatedAt) {
    }
}
