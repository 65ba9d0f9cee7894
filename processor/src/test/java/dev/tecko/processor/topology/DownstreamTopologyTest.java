package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Keboola job a trigger created, followed to its end (issue 15, part 1), through the topology: the job keeps its
 * status and gains a downstream part; duplicates, reordered and stale reports change nothing; an error retriggers exactly
 * as often as {@code downstreamRetries} says.
 */
class DownstreamTopologyTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A one-batch job, its batch completed and its trigger delivered: Keboola job "kbc-42" (the driver's result). */
    private void deliveredJob(int downstreamRetries) {
        var s = Driver.spec("b1");
        d.create("job-1", new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, null, null, null, null,
                downstreamRetries), T0);
        d.observe("job-1", "b1", BatchStatus.COMPLETED, t(1));
        d.result("job-1", 1, TriggerOutcome.OK, t(2));
        d.drainEvents();
    }

    private static DownstreamObservation seen(int generation, DownstreamStatus status, int at) {
        boolean started = status.rank() >= DownstreamStatus.PROCESSING.rank();
        return new DownstreamObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", TriggerCommand.triggerId("job-1", generation), generation,
                "kbc-42", status, started ? t(10) : null, status.isFinished() ? t(at) : null, status.isFinished() ? (long) at - 10 : null,
                status == DownstreamStatus.ERROR ? "User error: table missing" : null, "https://queue.example/jobs/kbc-42", t(at));
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
    }

    @Test
    @DisplayName("given a delivered trigger, when its Keboola job waits, processes and succeeds, then the job stays completed and its downstream part follows, with an event at start and end")
    void aKeboolaJobFollowedToSuccess() {
        deliveredJob(0);
        d.downstream(seen(1, DownstreamStatus.CREATED, 3));
        d.downstream(seen(1, DownstreamStatus.WAITING, 4));
        assertThat(d.lastSnapshot().downstream().status()).isEqualTo(DownstreamStatus.WAITING);
        assertThat(eventTypes()).as("waiting is normal: no event, only the snapshot").isEmpty();

        d.downstream(seen(1, DownstreamStatus.PROCESSING, 11));
        d.downstream(seen(1, DownstreamStatus.SUCCESS, 70));
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.downstream().status()).isEqualTo(DownstreamStatus.SUCCESS);
        assertThat(job.downstream().startedAt()).isEqualTo(t(10));
        assertThat(job.downstream().finishedAt()).isEqualTo(t(70));
        assertThat(job.downstream().durationSeconds()).isEqualTo(60);
        assertThat(eventTypes()).containsExactly(EventType.DOWNSTREAM_STARTED, EventType.DOWNSTREAM_SUCCEEDED);
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_FINISHED, "status", "success")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given a finished Keboola job, when reports arrive again, late or out of order, then nothing changes and nothing is counted twice")
    void duplicatesAndReorderedReportsChangeNothing() {
        deliveredJob(0);
        d.downstream(seen(1, DownstreamStatus.PROCESSING, 11));
        d.downstream(seen(1, DownstreamStatus.SUCCESS, 70));
        d.status().readValuesToList();
        d.drainEvents();

        d.downstream(seen(1, DownstreamStatus.SUCCESS, 70));
        d.downstream(seen(1, DownstreamStatus.PROCESSING, 80));
        d.downstream(seen(1, DownstreamStatus.WAITING, 90));
        d.downstream(seen(1, DownstreamStatus.ERROR, 95));

        assertThat(d.status().isEmpty()).as("no snapshot: nothing changed").isTrue();
        assertThat(d.drainEvents()).isEmpty();
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_FINISHED, "status", "success")).isEqualTo(1.0);
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_FINISHED, "status", "error")).isZero();
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_REPORTS, "outcome", "stale")).isEqualTo(4.0);
    }

    @Test
    @DisplayName("given a report for another generation, a job still triggering, or an unknown job, then it is stale or unknown and changes nothing")
    void reportsForOtherTriggersAreStale() {
        var s = Driver.spec("b1");
        d.create("job-1", s, T0);
        d.observe("job-1", "b1", BatchStatus.COMPLETED, t(1));
        d.drainEvents();
        d.downstream(seen(1, DownstreamStatus.PROCESSING, 5));
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_REPORTS, "outcome", "stale")).as("no result yet: not delivered").isEqualTo(1.0);

        d.result("job-1", 1, TriggerOutcome.OK, t(6));
        d.downstream(seen(2, DownstreamStatus.PROCESSING, 7));
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_REPORTS, "outcome", "stale")).isEqualTo(2.0);
        assertThat(d.lastSnapshot().downstream()).isNull();

        d.downstream(new DownstreamObservation(1, "job-9", "job-9:1", 1, "kbc-1", DownstreamStatus.SUCCESS, null, null, null, null, null, t(8)));
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_REPORTS, "outcome", "unknown_job")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given downstreamRetries 1, when the Keboola job ends in error twice, then the job retriggers exactly once")
    void anErrorRetriggersExactlyAsOftenAsAllowed() {
        deliveredJob(1);
        d.drainTriggers();
        d.downstream(seen(1, DownstreamStatus.PROCESSING, 11));
        d.downstream(seen(1, DownstreamStatus.ERROR, 30));

        List<TriggerCommand> retriggered = d.drainTriggers();
        assertThat(retriggered).extracting(TriggerCommand::triggerId).containsExactly("job-1:2");
        assertThat(eventTypes()).containsExactly(EventType.DOWNSTREAM_STARTED, EventType.DOWNSTREAM_FAILED, EventType.RETRIGGERED,
                EventType.TRIGGER_REQUESTED);
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.status()).isEqualTo(JobStatus.TRIGGERING);
        assertThat(job.downstream()).as("the new trigger's Keboola job is yet to be reported").isNull();
        assertThat(job.downstreamRetriesUsed()).isEqualTo(1);

        d.downstream(seen(1, DownstreamStatus.ERROR, 31));
        assertThat(d.drainTriggers()).as("a late copy of the first error retriggers nothing").isEmpty();

        d.result("job-1", 2, TriggerOutcome.OK, t(40));
        d.downstream(seen(2, DownstreamStatus.ERROR, 60));
        assertThat(d.drainTriggers()).as("no retries left").isEmpty();
        job = d.lastSnapshot();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.downstream().status()).isEqualTo(DownstreamStatus.ERROR);
        assertThat(job.downstream().message()).isEqualTo("User error: table missing");
        assertThat(d.counter(ProcessorMetrics.DOWNSTREAM_FINISHED, "status", "error")).isEqualTo(2.0);
    }

    @Test
    @DisplayName("given no downstreamRetries, when the Keboola job ends in error or is terminated, then nothing is retriggered")
    void withoutRetriesAnErrorIsTheEnd() {
        deliveredJob(0);
        d.drainTriggers();
        d.downstream(seen(1, DownstreamStatus.ERROR, 30));
        assertThat(d.drainTriggers()).isEmpty();
        assertThat(eventTypes()).as("never processed: no started event").containsExactly(EventType.DOWNSTREAM_STARTED, EventType.DOWNSTREAM_FAILED);
    }

    @Test
    @DisplayName("given a followed Keboola job, when an operator retriggers, then the downstream part and the retries used start afresh")
    void aManualRetriggerStartsAfresh() {
        deliveredJob(1);
        d.downstream(seen(1, DownstreamStatus.TERMINATED, 30));
        assertThat(d.lastSnapshot().downstream().status()).isEqualTo(DownstreamStatus.TERMINATED);
        assertThat(d.drainTriggers()).hasSize(1).as("terminated is not an error: no automatic retry");

        d.command(CommandType.RETRIGGER, "job-1", t(40));
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.generation()).isEqualTo(2);
        assertThat(job.downstream()).isNull();
    }
}
