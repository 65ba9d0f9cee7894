package dev.tecko.processor.machine;

import dev.tecko.processor.state.BatchRow;
import java.util.List;

/**
 * A job's batches as the store holds them, read only as far as a transition needs: one batch for an observation,
 * all of them only to open a trigger, time out or show the job. So an observation costs the same in a job of 10 batches
 * and in one of 10,000.
 */
public interface JobBatches {
    /** No batches: a job that does not exist yet. */
    JobBatches NONE = new JobBatches() {
        @Override
        public BatchRow get(String batchId) {
            return null;
        }

        @Override
        public List<BatchRow> all() {
            return List.of();
        }
    };

    /** The batch's row, or null when the job has no such batch. */
    BatchRow get(String batchId);

    /** Every batch of the job, in the job's order ({@link BatchRow#position()}). */
    List<BatchRow> all();
}
