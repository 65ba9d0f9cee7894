package dev.tecko.processor.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.RequestCounts;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobErrorBudgetTest {

    private static List<BatchError> errors(int n, int messageChars) {
        return Collections.nCopies(n, new BatchError("invalid_request", "m".repeat(messageChars), null, 1));
    }

    @Test
    void givenAFewErrors_whenKept_thenAllStay_withLongMessagesCut() {
        List<BatchError> kept = JobErrorBudget.kept(errors(3, 4_096), 0);
        assertThat(kept).hasSize(3).allSatisfy(e -> assertThat(e.message()).hasSize(JobErrorBudget.MESSAGE_CHARS).endsWith("…"));
        assertThat(JobErrorBudget.kept(errors(2, 10), 0)).isEqualTo(errors(2, 10));
    }

    @Test
    void givenOtherBatchesHoldTheJobsBudget_whenAnotherBatchFails_thenItKeepsOnlyWhatIsLeft() {
        assertThat(JobErrorBudget.kept(errors(20, 10), 100)).isEmpty();
        assertThat(JobErrorBudget.kept(errors(20, 10), 85)).hasSize(15);
        assertThat(JobErrorBudget.kept(errors(20, 10), 80)).hasSize(20);
    }

    /** The machine counts the job's kept errors in its header, without reading the other batches. */
    @Test
    void givenAJobWhoseBatchesFailWithErrors_whenObserved_thenTheJobKeepsAtMostItsBudget_andABatchSeenAgainKeepsItsOwn() {
        var machine = new JobMachine(10);
        List<String> ids = List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6");
        var batches = new MapBatches();
        var t = machine.onCommand(null, batches, JobCommand.create("c", "job-1", JobSpec.of("j", ids, "openai", MachineDriver.TARGET),
                MachineDriver.T0), MachineDriver.T0);
        batches.apply(t);
        for (int i = 0; i < 4; i++) {
            t = machine.onObservation(t.state(), batches, failed("b" + i, 20, i + 1), MachineDriver.T0);
            batches.apply(t);
        }
        t = machine.onObservation(t.state(), batches, running("b4", 20, 1), MachineDriver.T0);
        batches.apply(t);
        assertThat(t.state().errorsKept()).isEqualTo(100);

        t = machine.onObservation(t.state(), batches, failed("b5", 20, 10), MachineDriver.T0);
        batches.apply(t);
        assertThat(batches.get("b5").batch().errors()).as("no room left").isEmpty();

        // b4 seen further on with 5 errors: its own 20 no longer count, so 15 are free for b6
        t = machine.onObservation(t.state(), batches, running("b4", 5, 2), MachineDriver.T0);
        batches.apply(t);
        assertThat(t.state().errorsKept()).isEqualTo(85);
        t = machine.onObservation(t.state(), batches, failed("b6", 20, 30), MachineDriver.T0);
        batches.apply(t);
        assertThat(batches.get("b6").batch().errors()).hasSize(15);
        assertThat(t.state().errorsKept()).isEqualTo(100);
    }

    private static BatchObservation failed(String batchId, int errors, int second) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", batchId, BatchStatus.FAILED, RequestCounts.NONE, null, null,
                errors(errors, 10), null, null, MachineDriver.T0.plusSeconds(second), ObservationSource.POLL, null);
    }

    /** A batch still running that reports errors, {@code done} of its 10 requests completed: a later report has more done. */
    private static BatchObservation running(String batchId, int errors, int done) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", batchId, BatchStatus.IN_PROGRESS,
                new RequestCounts(10, done, 0), null, null, errors(errors, 10), null, null, MachineDriver.T0.plusSeconds(done),
                ObservationSource.POLL, null);
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
