package dev.tecko.processor.machine;

import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.SealReason;
import java.time.Instant;
import java.util.ArrayList;

/**
 * A job's deadline passed ({@link JobMachine#deadlinePassed}): what it holds then is what it ends with. An unsealed batch
 * list is sealed ({@code sealedBy} {@code deadline}), every open batch becomes {@code timed_out} (a failure), then the
 * policy decides as after any change.
 */
final class DeadlineRules {
    private DeadlineRules() {
    }

    static Transition apply(JobState current, JobBatches batches, Instant now) {
        var changes = new Changes(current, batches, now);
        if (!current.batchListFinal()) {
            BatchSearchRules.seal(changes, SealReason.DEADLINE);
        }
        BatchCounts counts = current.counts();
        if (counts.open() > 0) {
            var timedOut = new ArrayList<BatchRow>();
            for (BatchRow row : batches.all()) {
                if (!row.batch().status().isTerminal()) {
                    timedOut.add(row.with(row.batch().withStatus(BatchStatus.TIMED_OUT, now)));
                }
            }
            var timedOutCounts = new BatchCounts(counts.total(), counts.completed(), counts.failed() + counts.open(), 0);
            changes.state = changes.state.withBatchTotals(timedOutCounts, current.errorsKept(), current.allFailedBatches());
            timedOut.forEach(changes::write);
            String message = "deadline " + current.deadline() + " passed; " + timedOut.size() + " open batch(es) timed out";
            changes.event(EventType.TIMED_OUT, b -> b.message(message));
        }
        JobMachine.evaluate(changes);
        return changes.done(TransitionOutcome.APPLIED, true);
    }
}
