package dev.tecko.poller.handover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.poller.handover.BatchIndex.Holder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchIndexTest {
    private final BatchIndex index = new BatchIndex();

    @Test
    @DisplayName("given jobs sharing a batch when it is looked up then every job holding it is named with its job-status partition")
    void givenSharedBatch_whenLookedUp_thenEveryHolderWithItsPartition() {
        index.put("job-b", 3, List.of("batch_1", "batch_2"));
        index.put("job-a", 1, List.of("batch_1"));

        assertThat(index.holders("batch_1")).containsExactly(new Holder("job-a", 1), new Holder("job-b", 3));
        assertThat(index.holders("batch_2")).containsExactly(new Holder("job-b", 3));
        assertThat(index.holders("batch_unknown")).isEmpty();
        assertThat(index.batchCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("given a job whose batches change when its new snapshot is read then only its new batches lead to it")
    void givenChangedBatches_whenUpdated_thenOldBatchesForgotten() {
        index.put("job-a", 0, List.of("batch_1", "batch_2"));

        index.put("job-a", 0, List.of("batch_2", "batch_3"));

        assertThat(index.holders("batch_1")).isEmpty();
        assertThat(index.holders("batch_3")).containsExactly(new Holder("job-a", 0));
        assertThat(index.batchCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("given a deleted job when its tombstone is read then its batches lead nowhere and nothing of it is kept")
    void givenTombstone_whenRemoved_thenNothingKept() {
        index.put("job-a", 0, List.of("batch_1"));
        index.put("job-b", 0, List.of("batch_1"));

        index.remove("job-a");
        index.remove("job-never-seen");

        assertThat(index.holders("batch_1")).containsExactly(new Holder("job-b", 0));
        assertThat(index.jobCount()).isEqualTo(1);
        index.remove("job-b");
        assertThat(index.batchCount()).isZero();
        assertThat(index.jobCount()).isZero();
    }

    @Test
    @DisplayName("given jobs holding a batch when one's snapshot shows it ended then only the other is unsettled, with its secret")
    void givenEndedInOneJob_whenUnsettledAsked_thenOnlyTheOtherWithItsSecret() {
        index.put("job-a", 0, "openai-a", List.of("batch_1", "batch_2"), Set.of("batch_1"));
        index.put("job-b", 1, "openai-b", List.of("batch_1"), Set.of());

        assertThat(index.unsettled("batch_1")).containsExactly(new BatchIndex.Unsettled("job-b", "openai-b"));
        assertThat(index.unsettled("batch_2")).containsExactly(new BatchIndex.Unsettled("job-a", "openai-a"));
        assertThat(index.unsettled("batch_unknown")).isEmpty();

        index.put("job-b", 1, "openai-b", List.of("batch_1"), Set.of("batch_1"));
        assertThat(index.unsettled("batch_1")).isEmpty();
    }
}
