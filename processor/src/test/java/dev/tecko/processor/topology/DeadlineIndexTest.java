package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static dev.tecko.schemas.BatchStatus.COMPLETED;
import static dev.tecko.schemas.BatchStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The deadline index kept by the job processor next to its jobs, and the deadline check that reads only its due part. */
class DeadlineIndexTest {
    /** Checked every second, so that a deadline fires at the second it names. */
    private final Driver d = new Driver(ProcessorSettings.defaults(Topics.withDefaultPrefix())
            .withDeadlineCheckInterval(Duration.ofSeconds(1)));

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static JobSpec withDeadline(Instant deadline, String... batches) {
        var s = Driver.spec(batches);
        return new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, null, deadline, null);
    }

    private void moveDeadline(String jobId, Instant deadline, Instant at) {
        update(jobId, new JobPatch(null, null, null, null, null, null, null, deadline, null), at);
    }

    private void clearDeadline(String jobId, Instant at) {
        update(jobId, new JobPatch(null, null, null, null, null, null, null, null, true), at);
    }

    private void update(String jobId, JobPatch patch, Instant at) {
        d.send(JobCommand.update("update-" + at, jobId, patch, at), at);
    }

    private void advanceBy(Duration duration) {
        d.driver.advanceWallClockTime(duration);
    }

    private long timedOut() {
        return (long) d.counter(ProcessorMetrics.JOBS_TIMED_OUT);
    }

    @Test
    @DisplayName("given a job with a deadline, when created, then the index holds one entry keyed by the deadline's millis and the job id")
    void givenDeadlineWhenCreatedThenIndexed() {
        d.create("job-1", withDeadline(t(25), "b1"), T0);

        assertThat(d.deadlineIndex()).containsExactly(
                Map.entry(String.format("%019d", t(25).toEpochMilli()) + "/job-1", "job-1"));
    }

    @Test
    @DisplayName("given a deadline, when the wall clock is a second short of it, then nothing; when it reaches it, then the job times out and its entry is gone")
    void givenDeadlineWhenWallClockReachesItThenTimesOut() {
        d.create("job-1", withDeadline(t(25), "b1"), T0);

        advanceBy(Duration.ofSeconds(24));
        assertThat(timedOut()).isZero();

        advanceBy(Duration.ofSeconds(1));
        assertThat(timedOut()).isEqualTo(1);
        assertThat(d.lastSnapshot().batches().get(0).status()).isEqualTo(TIMED_OUT);
        assertThat(d.deadlineIndex()).isEmpty();
    }

    @Test
    @DisplayName("given a deadline moved later, when the old one passes, then nothing times out; when the new one passes, then it does")
    void givenDeadlineMovedLaterThenNotEarly() {
        d.create("job-1", withDeadline(t(10), "b1"), T0);
        moveDeadline("job-1", t(40), t(1));
        assertThat(d.deadlineIndex()).containsOnlyKeys(DeadlineIndex.key(t(40), "job-1"));

        advanceBy(Duration.ofSeconds(39));
        assertThat(timedOut()).isZero();

        advanceBy(Duration.ofSeconds(1));
        assertThat(timedOut()).isEqualTo(1);
    }

    @Test
    @DisplayName("given a deadline moved earlier, when the new one passes, then the job times out")
    void givenDeadlineMovedEarlierThenTimesOutAtNewOne() {
        d.create("job-1", withDeadline(t(60), "b1"), T0);
        moveDeadline("job-1", t(5), t(1));

        advanceBy(Duration.ofSeconds(5));
        assertThat(timedOut()).isEqualTo(1);
        assertThat(d.deadlineIndex()).isEmpty();
    }

    @Test
    @DisplayName("given a deadline cleared, then its entry is gone and the job never times out")
    void givenDeadlineClearedThenNeverTimesOut() {
        d.create("job-1", withDeadline(t(10), "b1"), T0);
        clearDeadline("job-1", t(1));
        assertThat(d.deadlineIndex()).isEmpty();

        advanceBy(Duration.ofSeconds(60));
        assertThat(timedOut()).isZero();
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.ACTIVE);
    }

    @Test
    @DisplayName("given a job with a deadline, when every batch finished, then its entry is gone and it never times out")
    void givenAllBatchesFinishedThenEntryGone() {
        d.create("job-1", withDeadline(t(10), "b1", "b2"), T0);
        d.observe("job-1", "b1", COMPLETED, t(1));
        assertThat(d.deadlineIndex()).hasSize(1);

        d.observe("job-1", "b2", COMPLETED, t(2));
        assertThat(d.deadlineIndex()).isEmpty();

        advanceBy(Duration.ofSeconds(60));
        assertThat(timedOut()).isZero();
    }

    @Test
    @DisplayName("given a job with a deadline, when cancelled, then its entry is gone")
    void givenCancelledThenEntryGone() {
        d.create("job-1", withDeadline(t(10), "b1"), T0);
        d.command(CommandType.CANCEL, "job-1", t(1));
        assertThat(d.deadlineIndex()).isEmpty();
    }

    @Test
    @DisplayName("given a paused job with a deadline, then it stays indexed (a paused job times out too)")
    void givenPausedThenStillIndexed() {
        d.create("job-1", withDeadline(t(10), "b1"), T0);
        d.command(CommandType.PAUSE, "job-1", t(1));
        assertThat(d.deadlineIndex()).containsOnlyKeys(DeadlineIndex.key(t(10), "job-1"));
    }

    @Test
    @DisplayName("given a job with a deadline, when deleted, then its entry is gone and nothing times out")
    void givenDeletedThenEntryGone() {
        d.create("job-1", withDeadline(t(10), "b1"), T0);
        d.command(CommandType.DELETE, "job-1", t(1));
        assertThat(d.deadlineIndex()).isEmpty();

        advanceBy(Duration.ofSeconds(60));
        assertThat(timedOut()).isZero();
    }

    @Test
    @DisplayName("given jobs with deadlines at 5 s, 30 s and 60 s, when the check runs at 30 s, then it times out the first two and leaves the third's entry")
    void givenSeveralDeadlinesThenOnlyDueOnesAreHandled() {
        d.create("job-a", withDeadline(t(60), "b1"), T0);
        d.create("job-b", withDeadline(t(5), "b1"), T0);
        d.create("job-c", withDeadline(t(30), "b1"), T0);
        d.create("job-d", Driver.spec("b1"), T0);

        assertThat(new DeadlineIndex(d.deadlineStore()).due(t(30))).extracting(DeadlineIndex.Entry::jobId)
                .containsExactly("job-b", "job-c");
        advanceBy(Duration.ofSeconds(30));
        assertThat(timedOut()).isEqualTo(2);
        assertThat(d.deadlineIndex()).containsOnlyKeys(DeadlineIndex.key(t(60), "job-a"));
    }

    @Test
    @DisplayName("given the index was built, when a job's entry is missing, then the check does not find the job by scanning the job store")
    void givenIndexBuiltThenCheckReadsOnlyTheIndex() {
        d.create("job-1", withDeadline(t(5), "b1"), T0);
        advanceBy(Duration.ofSeconds(1));
        d.deadlineStore().delete(DeadlineIndex.key(t(5), "job-1"));

        advanceBy(Duration.ofSeconds(10));
        assertThat(timedOut()).isZero();
    }

    @Test
    @DisplayName("given jobs stored before the index existed, when the check first runs, then it indexes them and they time out")
    void givenJobsFromBeforeTheIndexWhenFirstCheckThenIndexedAndTimedOut() {
        d.create("job-1", withDeadline(t(5), "b1"), T0);
        d.create("job-2", withDeadline(t(60), "b1"), T0);
        d.deadlineStore().delete(DeadlineIndex.key(t(5), "job-1"));
        d.deadlineStore().delete(DeadlineIndex.key(t(60), "job-2"));

        advanceBy(Duration.ofSeconds(5));
        assertThat(timedOut()).isEqualTo(1);
        assertThat(d.deadlineIndex()).containsOnlyKeys(DeadlineIndex.key(t(60), "job-2"));
    }

    @Test
    @DisplayName("given a stale entry earlier than the job's deadline, when it is due, then the job does not time out and the entry is dropped")
    void givenStaleEntryThenHarmlessAndDropped() {
        d.create("job-1", withDeadline(t(60), "b1"), T0);
        d.deadlineStore().put(DeadlineIndex.key(t(5), "job-1"), "job-1");

        advanceBy(Duration.ofSeconds(10));
        assertThat(timedOut()).isZero();
        assertThat(d.deadlineIndex()).containsOnlyKeys(DeadlineIndex.key(t(60), "job-1"));
    }

    @Test
    @DisplayName("given a deadline at an exact millisecond, then the entry is due at that millisecond and not one before")
    void givenDeadlineThenDueExactlyAtIt() {
        Instant deadline = t(7).plusMillis(123);
        d.create("job-1", withDeadline(deadline, "b1"), T0);
        var index = new DeadlineIndex(d.deadlineStore());

        assertThat(index.due(deadline.minusMillis(1))).isEmpty();
        assertThat(index.due(deadline)).extracting(DeadlineIndex.Entry::jobId).containsExactly("job-1");
    }
}
