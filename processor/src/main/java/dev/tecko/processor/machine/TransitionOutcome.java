package dev.tecko.processor.machine;

import java.util.Locale;

/** What one input did to one job, as the {@code outcome} tag of the processor's metrics counts it. */
public enum TransitionOutcome {
    /** The job changed. */
    APPLIED,
    /** The input was older than what the job holds, or a duplicate: nothing changed. */
    STALE,
    /** A command the job refused: a {@code command_rejected} event, the job unchanged. */
    REJECTED,
    /** An observation or result for a job that does not exist (or was deleted). */
    UNKNOWN_JOB,
    /** An observation of a batch the job does not track. */
    UNKNOWN_BATCH,
    /**
     * Batches a tagged job's search found that the job does not take: its batch list is sealed, or it holds the limit of
     * batches per job. Nothing changed but a {@code batches_refused} event.
     */
    REFUSED,
    /** An input the job's state makes meaningless (e.g. an observation of a cancelled job). */
    IGNORED;

    /** The metric tag: {@code applied}, {@code unknown_job}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
