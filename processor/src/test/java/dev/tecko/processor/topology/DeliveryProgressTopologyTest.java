package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DeliveryState;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.topics.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a trigger's delivery is going, shown while it happens (issue 15, part 4): the dispatcher's advisory reports on
 * {@code delivery-status} land in the open trigger's {@code lastTrigger.delivery}; the result ends them, and reports that
 * are late, duplicated, reordered or for another trigger change nothing.
 */
class DeliveryProgressTopologyTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A one-batch job whose batch completed at 1 s: its trigger (generation 1) is open, awaiting its result. */
    private void triggeringJob() {
        d.create("job-1", "b1");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, t(1));
        assertThat(d.drainTriggers()).hasSize(1);
        d.drainEvents();
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.TRIGGERING);
    }

    private static DeliveryProgress report(int generation, int attempts, boolean breakerOpen, int at) {
        return new DeliveryProgress(Check.CURRENT_SCHEMA_VERSION, "job-1", TriggerCommand.triggerId("job-1", generation), generation,
                attempts, breakerOpen ? null : "Keboola answered 503 Service Unavailable", breakerOpen ? null : 503,
                breakerOpen ? null : t(at + 4), breakerOpen, t(at), T0);
    }

    /** The open trigger's delivery part in the latest snapshot published (draining job-status). */
    private DeliveryState delivery() {
        return d.lastSnapshot().lastTrigger().delivery();
    }

    private double reports(String outcome) {
        return d.counter(ProcessorMetrics.DELIVERY_REPORTS, "outcome", outcome);
    }

    @Test
    @DisplayName("given an open trigger, when the dispatcher reports failed attempts, then the snapshot shows the latest attempt, error, status and next try, the job stays triggering, and no event is written")
    void failedAttemptsShowInTheOpenTrigger() {
        triggeringJob();
        d.deliveryProgress(report(1, 1, false, 5));
        d.deliveryProgress(report(1, 2, false, 7));

        JobSnapshot job = d.lastSnapshot();
        assertThat(job.status()).isEqualTo(JobStatus.TRIGGERING);
        assertThat(job.lastTrigger().outcome()).isNull();
        assertThat(job.lastTrigger().delivery()).isEqualTo(new DeliveryState(2, "Keboola answered 503 Service Unavailable", 503,
                t(11), false, t(7)));
        assertThat(d.drainEvents()).as("one event per attempt would flood the audit trail in an outage").isEmpty();
        assertThat(reports("applied")).isEqualTo(2.0);
    }

    @Test
    @DisplayName("given a host whose circuit opened, when the dispatcher says so, then the snapshot shows the breaker open")
    void anOpenBreakerShows() {
        triggeringJob();
        d.deliveryProgress(report(1, 0, true, 5));

        DeliveryState shown = delivery();
        assertThat(shown.breakerOpen()).isTrue();
        assertThat(shown.attempts()).isZero();
        assertThat(shown.nextAttemptAt()).isNull();
    }

    @Test
    @DisplayName("given progress shown, when the result arrives, then the delivery part is gone, and a report arriving after the result changes nothing")
    void theResultEndsTheProgress() {
        triggeringJob();
        d.deliveryProgress(report(1, 3, false, 5));
        d.result("job-1", 1, TriggerOutcome.OK, t(9));
        JobSnapshot done = d.lastSnapshot();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.lastTrigger().delivery()).isNull();

        // published outside the dispatcher's transaction: a report can come after the result it preceded
        d.deliveryProgress(report(1, 4, false, 8));
        assertThat(d.status().readValuesToList()).as("no new snapshot").isEmpty();
        assertThat(reports("stale")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given progress shown, when the job is cancelled, then its delivery part is gone and later reports change nothing")
    void cancellingEndsTheProgress() {
        triggeringJob();
        d.deliveryProgress(report(1, 2, false, 5));
        d.command(dev.tecko.schemas.CommandType.CANCEL, "job-1", t(6));
        JobSnapshot cancelled = d.lastSnapshot();
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.lastTrigger().delivery()).isNull();

        d.deliveryProgress(report(1, 3, false, 7));
        assertThat(d.status().readValuesToList()).isEmpty();
    }

    @Test
    @DisplayName("given progress shown, when a duplicate and an older report arrive, then the snapshot keeps the latest and nothing is published again")
    void duplicatesAndReorderedReportsChangeNothing() {
        triggeringJob();
        d.deliveryProgress(report(1, 3, false, 9));
        assertThat(delivery().attempts()).isEqualTo(3);

        d.deliveryProgress(report(1, 3, false, 9));
        d.deliveryProgress(report(1, 2, false, 7));
        assertThat(d.status().readValuesToList()).isEmpty();
        assertThat(reports("stale")).isEqualTo(2.0);

        // a dispatcher that restarted counts its attempts from 0 again: a later report is the latest, whatever its count
        d.deliveryProgress(report(1, 1, false, 20));
        DeliveryState shown = delivery();
        assertThat(shown.attempts()).isEqualTo(1);
        assertThat(shown.updatedAt()).isEqualTo(t(20));
    }

    @Test
    @DisplayName("given an open trigger, when reports come for another generation, another incarnation of the job id or an unknown job, then nothing changes")
    void reportsForAnotherTriggerAreStale() {
        triggeringJob();
        d.deliveryProgress(report(2, 1, false, 5));
        var otherIncarnation = report(1, 1, false, 6);
        d.deliveryProgress(new DeliveryProgress(otherIncarnation.schemaVersion(), "job-1", otherIncarnation.triggerId(), 1, 1, null, null,
                null, false, t(6), T0.minusSeconds(3_600)));
        d.deliveryProgress(new DeliveryProgress(Check.CURRENT_SCHEMA_VERSION, "job-9", "job-9:1", 1, 1, null, null, null, false, t(7)));

        assertThat(d.status().readValuesToList()).isEmpty();
        assertThat(reports("stale")).isEqualTo(2.0);
        assertThat(reports("unknown_job")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given a job not yet triggering, when a report for its would-be trigger arrives, then nothing changes")
    void aReportBeforeTheTriggerIsStale() {
        d.create("job-1", "b1");
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.ACTIVE);
        d.deliveryProgress(report(1, 1, false, 5));

        assertThat(d.status().readValuesToList()).isEmpty();
        assertThat(reports("stale")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given a report keyed by another job and one without a value, when read, then both go to the DLQ with the reason and the job goes on")
    void badRecordsGoToTheDlq() {
        triggeringJob();
        var raw = d.driver.createInputTopic(d.topics.deliveryStatus().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, java.time.Duration.ZERO);
        raw.pipeInput(new TestRecord<>("job-1", (byte[]) null, t(2)));
        byte[] otherJob = d.topics.deliveryStatus().valueSerde().serializer().serialize("t", report(1, 1, false, 3));
        raw.pipeInput(new TestRecord<>("job-2", otherJob, t(3)));

        var dead = d.dlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(DlqHeaders.read(dead.get(0).headers(), DlqHeaders.MESSAGE)).contains("DeliveryProgress").contains("no value");
        assertThat(DlqHeaders.read(dead.get(1).headers(), DlqHeaders.MESSAGE)).contains("DeliveryProgress").contains("key");
        assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).contains("\"attempts\":1");

        d.deliveryProgress(report(1, 2, false, 4));
        assertThat(delivery().attempts()).isEqualTo(2);
    }
}
