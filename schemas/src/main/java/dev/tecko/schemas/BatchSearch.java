package dev.tecko.schemas;

import java.time.Instant;

/**
 * A tagged job's search for its batches, as the job's snapshot shows it ({@code JobSnapshot.batchSearch}, absent for a job
 * that names its batch ids only). The poller lists the provider's batches created at or after {@code since} and reports
 * those carrying {@code tag} on {@code batch-discovery}; the processor adds them until the list is sealed.
 *
 * @param since           the window's start: the job's {@code tagSince}, else its creation
 * @param sealAt          the job's {@code sealAt}: the list seals once a search covered every batch created before it
 * @param expectedBatches the job's {@code expectedBatches}: the list seals once the job holds that many
 * @param sealRequestedAt when a {@code seal} command was applied (absent until then)
 * @param listedUpTo      every tagged batch created before this was in a search reported so far (absent until one covered
 *                        the whole window)
 * @param sealedAt        when the list was sealed (absent while it is not)
 * @param sealedBy        what sealed it
 * @param state           derived: {@code sealed} with {@code sealedAt}, else {@code sealing} with {@code sealRequestedAt},
 *                        else {@code open}
 */
public record BatchSearch(
        BatchTag tag,
        Instant since,
        Instant sealAt,
        Integer expectedBatches,
        Instant sealRequestedAt,
        Instant listedUpTo,
        Instant sealedAt,
        SealReason sealedBy,
        SealState state) {

    public BatchSearch {
        Check.required(tag, "batchSearch.tag");
        Check.required(since, "batchSearch.since");
        if (expectedBatches != null) {
            Check.range(expectedBatches, "batchSearch.expectedBatches", 1, JobSpec.MAX_BATCHES);
        }
        if ((sealedAt == null) != (sealedBy == null)) {
            throw new InvalidContractException("batchSearch.sealedBy", "is given exactly when sealedAt is");
        }
        state = sealedAt != null ? SealState.SEALED : sealRequestedAt != null ? SealState.SEALING : SealState.OPEN;
    }

    /** A search as a create command opens it: nothing listed, not sealed. */
    public static BatchSearch open(BatchTag tag, Instant since, Instant sealAt, Integer expectedBatches) {
        return new BatchSearch(tag, since, sealAt, expectedBatches, null, null, null, null, null);
    }

    public boolean sealed() {
        return sealedAt != null;
    }

    /**
     * The time a search must cover before the list may seal: the earlier of the seal command and {@code sealAt}, once it
     * has come; null when neither has.
     */
    public Instant sealDueAt(Instant now) {
        Instant due = sealRequestedAt;
        if (sealAt != null && !sealAt.isAfter(now) && (due == null || sealAt.isBefore(due))) {
            due = sealAt;
        }
        return due;
    }

    public BatchSearch withSealRequestedAt(Instant at) {
        return new BatchSearch(tag, since, sealAt, expectedBatches, at, listedUpTo, sealedAt, sealedBy, null);
    }

    public BatchSearch withListedUpTo(Instant at) {
        return new BatchSearch(tag, since, sealAt, expectedBatches, sealRequestedAt, at, sealedAt, sealedBy, null);
    }

    public BatchSearch sealed(Instant at, SealReason by) {
        return new BatchSearch(tag, since, sealAt, expectedBatches, sealRequestedAt, listedUpTo, at, by, null);
    }
}
