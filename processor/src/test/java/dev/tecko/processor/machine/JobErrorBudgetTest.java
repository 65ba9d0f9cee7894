package dev.tecko.processor.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.RequestCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobErrorBudgetTest {

    private static List<BatchError> errors(int n, int messageChars) {
        return Collections.nCopies(n, new BatchError("invalid_request", "m".repeat(messageChars), null, 1));
    }

    private static BatchSnapshot failedWith(String id, List<BatchError> errors) {
        return new BatchSnapshot(id, BatchStatus.FAILED, RequestCounts.NONE, null, null, errors, null, null);
    }

    @Test
    void givenAFewErrors_whenKept_thenAllStay_withLongMessagesCut() {
        var batches = List.of(BatchSnapshot.pending("b0"), BatchSnapshot.pending("b1"));
        List<BatchError> kept = JobErrorBudget.kept(errors(3, 4_096), batches, 1);
        assertThat(kept).hasSize(3).allSatisfy(e -> assertThat(e.message()).hasSize(JobErrorBudget.MESSAGE_CHARS).endsWith("…"));
        assertThat(JobErrorBudget.kept(errors(2, 10), batches, 0)).isEqualTo(errors(2, 10));
    }

    @Test
    void givenOtherBatchesHoldTheJobsBudget_whenAnotherBatchFails_thenItKeepsOnlyWhatIsLeft() {
        List<BatchSnapshot> batches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batches.add(failedWith("b" + i, errors(20, 10)));
        }
        batches.add(BatchSnapshot.pending("b5"));
        batches.add(BatchSnapshot.pending("b6"));
        // five batches hold 100 errors: nothing is left for the sixth
        assertThat(JobErrorBudget.kept(errors(20, 10), batches, 5)).isEmpty();
        // a batch seen again counts without its own earlier errors
        assertThat(JobErrorBudget.kept(errors(20, 10), batches, 4)).hasSize(20);
        batches.set(4, failedWith("b4", errors(5, 10)));
        assertThat(JobErrorBudget.kept(errors(20, 10), batches, 6)).hasSize(15);
    }

    @Test
    void givenAPollErrorWithLongTexts_whenKept_thenCut() {
        PollError kept = JobErrorBudget.kept(new PollError("c".repeat(255), "x".repeat(4_096), 503));
        assertThat(kept.code()).hasSize(JobErrorBudget.CODE_CHARS);
        assertThat(kept.message()).hasSize(JobErrorBudget.MESSAGE_CHARS);
        assertThat(kept.httpStatus()).isEqualTo(503);
        assertThat(JobErrorBudget.kept((PollError) null)).isNull();
    }
}
