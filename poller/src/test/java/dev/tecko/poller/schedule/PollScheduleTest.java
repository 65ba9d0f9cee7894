package dev.tecko.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RequestCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PollSchedule schedule = new PollSchedule(clock, new IntervalPolicy(10), new Jitter(new Random(1), 0.1));

    private static ProviderBatch batch(String id, BatchStatus status, RequestCounts counts) {
        return new ProviderBatch(id, status, counts, null, null, List.of(),
                new ProviderTimestamps(Instant.parse("2025-12-31T00:00:00Z"), null, null, null, null, null, null, null, null), null);
    }

    private List<DueJob> dueAfter(Duration d) {
        clock.advance(d);
        return schedule.takeDue();
    }

    @Test
    void givenANewActiveJob_whenTimePasses_thenItIsDueWithinHalfItsIntervalAndThenEveryIntervalWithJitter() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 100, "k", "b1", "b2"), 0);
        assertThat(schedule.takeDue()).isEmpty();
        List<DueJob> due = dueAfter(Duration.ofSeconds(50));
        assertThat(due).singleElement().satisfies(d -> {
            assertThat(d.secret()).isEqualTo("k");
            assertThat(d.batches()).extracting(DueJob.DueBatch::batchId).containsExactly("b1", "b2");
        });
        assertThat(dueAfter(Duration.ofSeconds(500))).as("not again while in flight").isEmpty();

        schedule.checked(due.get(0), null);
        schedule.checked(due.get(0), null);
        Instant next = schedule.nextDue("j1").orElseThrow();
        assertThat(Duration.between(clock.instant(), next)).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(110));
    }

    @Test
    void givenChecksWithoutChange_whenObserved_thenOnlyChangesArePublished() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.VALIDATING, RequestCounts.NONE), ObservationSource.POLL)).isPresent();
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.VALIDATING, RequestCounts.NONE), ObservationSource.POLL)).isEmpty();
        var progressed = schedule.observed("j1", batch("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 1, 0)), ObservationSource.WEBHOOK);
        assertThat(progressed).get().extracting(BatchObservation::source).isEqualTo(ObservationSource.WEBHOOK);
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 2, 0)), ObservationSource.POLL)).isPresent();
    }

    @Test
    void givenASnapshotThatAlreadyKnowsTheState_whenObservedTheSame_thenNothingIsPublished() {
        var known = new BatchSnapshot("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 5, 0), null, null, List.of(), clock.instant(), null);
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", List.of(known)), 0);
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 5, 0)), ObservationSource.POLL)).isEmpty();
    }

    @Test
    void givenATerminalBatch_whenPublished_thenItIsNeverDueAgain() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1", "b2"), 0);
        DueJob due = dueAfter(Duration.ofSeconds(5)).get(0);
        schedule.observed("j1", batch("b1", BatchStatus.COMPLETED, new RequestCounts(1, 1, 0)), ObservationSource.POLL);
        schedule.checked(due, null);
        schedule.checked(due, null);
        DueJob next = dueAfter(Duration.ofSeconds(11)).get(0);
        assertThat(next.batches()).extracting(DueJob.DueBatch::batchId).containsExactly("b2");
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.FAILED, RequestCounts.NONE), ObservationSource.POLL)).isEmpty();
        assertThat(schedule.jobsWatching("b1", "k")).isEmpty();
        assertThat(schedule.jobsWatching("b2", "k")).containsExactly("j1");
        assertThat(schedule.jobsWatching("b2", "other")).isEmpty();
    }

    @Test
    void givenPauseResumeAndDeletion_whenApplied_thenOnlyActiveJobsAreDue() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        schedule.upsert(Snapshots.job("j1", JobStatus.PAUSED, 10, "k", "b1"), 0);
        assertThat(dueAfter(Duration.ofMinutes(5))).isEmpty();
        assertThat(schedule.nextDue("j1")).isEmpty();
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.COMPLETED, RequestCounts.NONE), ObservationSource.POLL)).isEmpty();

        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        assertThat(dueAfter(Duration.ofSeconds(5))).hasSize(1);

        schedule.remove("j1");
        assertThat(dueAfter(Duration.ofMinutes(5))).isEmpty();
        assertThat(schedule.jobCount()).isZero();
        assertThat(schedule.secretsWatching("b1")).isEmpty();

        schedule.upsert(Snapshots.job("j2", JobStatus.COMPLETED, 10, "k", "b1"), 0);
        assertThat(dueAfter(Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void givenARevokedPartition_whenDropped_thenItsJobsGoAndLateResultsAreIgnored() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        schedule.upsert(Snapshots.job("j2", JobStatus.ACTIVE, 10, "k", "b2"), 1);
        List<DueJob> due = dueAfter(Duration.ofSeconds(5));
        schedule.dropPartitions(List.of(0));
        assertThat(schedule.jobCount()).isEqualTo(1);
        DueJob stale = due.stream().filter(d -> d.jobId().equals("j1")).findFirst().orElseThrow();
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        schedule.checked(stale, null);
        assertThat(dueAfter(Duration.ofSeconds(5))).extracting(DueJob::jobId).contains("j1");
    }

    @Test
    void givenABatchSeenRecentlyByAnotherPath_whenTheJobIsDue_thenItNeedsNoRequest() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 100, "k", "b1"), 0);
        clock.advance(Duration.ofSeconds(40));
        schedule.observed("j1", batch("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 1, 0)), ObservationSource.POLL);
        clock.advance(Duration.ofSeconds(10));
        assertThat(schedule.takeDue()).isEmpty();
        assertThat(schedule.nextDue("j1")).get().isEqualTo(clock.instant().plus(Duration.between(clock.instant(), schedule.nextDue("j1").get())));
        assertThat(dueAfter(Duration.ofSeconds(120))).singleElement()
                .satisfies(d -> assertThat(d.batches().get(0).providerCreatedAt()).isEqualTo(Instant.parse("2025-12-31T00:00:00Z")));
    }

    @Test
    void givenARateLimitedCheck_whenDone_thenTheNextTurnWaitsForTheReset() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        DueJob due = dueAfter(Duration.ofSeconds(5)).get(0);
        Instant reset = clock.instant().plusSeconds(600);
        schedule.checked(due, reset);
        assertThat(schedule.nextDue("j1")).contains(reset);
        assertThat(dueAfter(Duration.ofSeconds(599))).isEmpty();
        assertThat(dueAfter(Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void givenAGivenBackTurn_whenTheTimeComes_thenItIsDueAgain() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        DueJob due = dueAfter(Duration.ofSeconds(5)).get(0);
        schedule.giveBack(due, clock.instant().plusSeconds(3));
        assertThat(dueAfter(Duration.ofSeconds(2))).isEmpty();
        assertThat(dueAfter(Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void givenPollErrors_whenRepeated_thenPublishedOnceWithTheLastKnownStatusAndRefusedSlowsDown() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        schedule.observed("j1", batch("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 3, 0)), ObservationSource.POLL);
        var error = new PollError("unauthorized", "GET /batches/b1 answered 401", 401);
        var first = schedule.failed("j1", "b1", error, true);
        assertThat(first).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(BatchStatus.IN_PROGRESS);
            assertThat(o.requestCounts().completed()).isEqualTo(3);
            assertThat(o.pollError()).isEqualTo(error);
        });
        assertThat(schedule.failed("j1", "b1", error, true)).isEmpty();
        assertThat(schedule.interval("j1")).contains(Duration.ofSeconds(40));
        schedule.publishFailed(first.get());
        assertThat(schedule.failed("j1", "b1", error, true)).as("republished after a failed send").isPresent();
    }

    @Test
    void givenATerminalObservationWhosePublishFailed_whenTheNextTurnComes_thenTheBatchIsCheckedAndPublishedAgain() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        var completed = schedule.observed("j1", batch("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0)), ObservationSource.POLL);
        assertThat(completed).isPresent();
        DueJob none = dueAfter(Duration.ofHours(1)).stream().findFirst().orElse(null);
        assertThat(none).as("a published terminal batch needs no more checks").isNull();

        schedule.publishFailed(completed.get());

        assertThat(dueAfter(Duration.ofHours(1))).as("due again after the failed publish").singleElement()
                .satisfies(d -> assertThat(d.batches()).extracting(DueJob.DueBatch::batchId).containsExactly("b1"));
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0)), ObservationSource.POLL))
                .as("the terminal status is published again").isPresent();
    }

    @Test
    void givenABatchThat404sOnce_whenItExistsAMinuteLater_thenItIsNeverReportedFailed() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        var first = schedule.notFound("j1", "b1", "gone");
        assertThat(first).get().satisfies(o -> {
            assertThat(o.status()).as("a single 404 is not terminal").isEqualTo(BatchStatus.PENDING);
            assertThat(o.pollError().code()).isEqualTo("not_found");
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(schedule.observed("j1", batch("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 1, 0)), ObservationSource.POLL))
                .get().extracting(BatchObservation::status).isEqualTo(BatchStatus.IN_PROGRESS);
    }

    @Test
    void givenABatchThat404sOverTheWholeWindow_whenChecked_thenItIsFailedWithNotFoundOnlyAtTheEnd() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        for (int i = 0; i < 5; i++) {
            schedule.notFound("j1", "b1", "gone").ifPresent(o -> assertThat(o.status().isTerminal()).isFalse());
            clock.advance(Duration.ofMinutes(2));
        }
        var observation = schedule.notFound("j1", "b1", "gone").orElseThrow();
        assertThat(observation.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(observation.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThat(schedule.notFound("j1", "b1", "gone")).isEmpty();
        assertThat(schedule.notFound("nobody", "b1", "gone")).isEmpty();
    }

    @Test
    void givenThreeQuick404s_whenTheWindowHasNotPassed_thenTheBatchIsNotFailedYet() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1"), 0);
        for (int i = 0; i < 3; i++) {
            schedule.notFound("j1", "b1", "gone");
            clock.advance(Duration.ofSeconds(20));
        }
        schedule.notFound("j1", "b1", "gone").ifPresent(o -> assertThat(o.status()).isNotEqualTo(BatchStatus.FAILED));
    }

    @Test
    void givenASnapshotWithFewerBatches_whenUpserted_thenRemovedBatchesAreForgotten() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b1", "b2"), 0);
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 10, "k", "b2"), 0);
        assertThat(schedule.secretsWatching("b1")).isEmpty();
        assertThat(schedule.secretsWatching("b2")).containsEntry("j1", "k");
    }
}
