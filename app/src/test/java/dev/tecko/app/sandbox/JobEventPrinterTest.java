package dev.tecko.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobEventPrinterTest {
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void givenABatchChangeWhenDescribedThenTheLineShowsTheBatchItsNewStatusAndTheJobStatus() {
        var event = new JobEvent(Check.CURRENT_SCHEMA_VERSION, "demo-1", 2, EventType.BATCH_CHANGED, AT, JobStatus.ACTIVE, 1,
                "batch_1", BatchStatus.IN_PROGRESS, BatchStatus.VALIDATING, null, null, null);
        assertThat(JobEventPrinter.describe(event)).isEqualTo("  event      demo-1 batch_changed batch_1 → in_progress  [job active]");
    }

    @Test
    void givenATriggerEventWithAMessageWhenDescribedThenTheLineShowsTheTriggerAndTheMessage() {
        var event = new JobEvent(Check.CURRENT_SCHEMA_VERSION, "demo-1", 7, EventType.TRIGGERED, AT, JobStatus.COMPLETED, 1,
                null, null, null, "demo-1:1", null, "Keboola job 42");
        assertThat(JobEventPrinter.describe(event))
                .isEqualTo("  event      demo-1 triggered trigger demo-1:1  [job completed]  Keboola job 42");
    }

    @Test
    void givenABatchWhoseCountsMovedButNotItsStatusWhenFilteredThenItIsNotShownButAStatusChangeIs() {
        var countsOnly = new JobEvent(Check.CURRENT_SCHEMA_VERSION, "demo-1", 3, EventType.BATCH_CHANGED, AT, JobStatus.ACTIVE, 1,
                "batch_1", BatchStatus.IN_PROGRESS, BatchStatus.IN_PROGRESS, null, null, null);
        var statusChange = new JobEvent(Check.CURRENT_SCHEMA_VERSION, "demo-1", 4, EventType.BATCH_CHANGED, AT, JobStatus.ACTIVE, 1,
                "batch_1", BatchStatus.COMPLETED, BatchStatus.IN_PROGRESS, null, null, null);
        var created = new JobEvent(Check.CURRENT_SCHEMA_VERSION, "demo-1", 1, EventType.CREATED, AT, JobStatus.ACTIVE, 1,
                null, null, null, null, null, null);
        assertThat(JobEventPrinter.isWorthShowing(countsOnly)).isFalse();
        assertThat(JobEventPrinter.isWorthShowing(statusChange)).isTrue();
        assertThat(JobEventPrinter.isWorthShowing(created)).isTrue();
    }
}
