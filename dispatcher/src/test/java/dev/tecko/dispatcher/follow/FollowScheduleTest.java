package dev.tecko.dispatcher.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which Keboola jobs are followed, and when each is checked next: pure, on a clock the test moves. */
class FollowScheduleTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final TriggerTarget KEBOOLA = TriggerTarget.keboola("https://connection.keboola.com", "comp", "cfg", "kbc");
    private final MutableClock clock = new MutableClock(T0);
    private final FollowSchedule schedule = new FollowSchedule(clock, Duration.ofSeconds(5), Duration.ofSeconds(60));

    private static JobSnapshot job(String jobId, int generation, TriggerOutcome outcome, String keboolaJobId, Downstream downstream,
                                   TriggerTarget target) {
        var trigger = new TriggerSummary(jobId + ":" + generation, generation, T0, outcome, keboolaJobId, null, null, T0);
        return new JobSnapshot(1, jobId, "n", JobStatus.COMPLETED, generation, List.of(BatchSnapshot.pending("b1")), null, "openai",
                target, 60, null, null, null, null, trigger, T0, T0, T0, 1, null, null, null, downstream, null, null);
    }

    private static Downstream downstream(DownstreamStatus status) {
        return new Downstream("42", status, null, null, null, null, null, T0);
    }

    @Test
    @DisplayName("given snapshots, then only delivered Keboola triggers of the current generation whose Keboola job has not finished are followed")
    void whatIsFollowed() {
        assertThat(FollowSchedule.toFollow(job("a", 1, TriggerOutcome.OK, "42", null, KEBOOLA))).isPresent();
        assertThat(FollowSchedule.toFollow(job("b", 1, TriggerOutcome.OK, "42", downstream(DownstreamStatus.WAITING), KEBOOLA)))
                .hasValueSatisfying(f -> assertThat(f.known()).isEqualTo(DownstreamStatus.WAITING));
        assertThat(FollowSchedule.toFollow(job("c", 1, TriggerOutcome.OK, "42", downstream(DownstreamStatus.SUCCESS), KEBOOLA))).isEmpty();
        assertThat(FollowSchedule.toFollow(job("d", 1, TriggerOutcome.FAILED, null, null, KEBOOLA))).isEmpty();
        assertThat(FollowSchedule.toFollow(job("e", 1, null, null, null, KEBOOLA))).as("awaiting delivery").isEmpty();
        assertThat(FollowSchedule.toFollow(job("f", 1, TriggerOutcome.OK, null, null,
                TriggerTarget.webhook("https://hooks.example.com", "h")))).as("a webhook's 2xx is its end").isEmpty();
    }

    @Test
    @DisplayName("given a followed job, when checks find no change, then the wait doubles up to the longest; a change brings it back to the shortest")
    void backsOffAndComesBackOnChange() {
        schedule.upsert(job("a", 1, TriggerOutcome.OK, "42", null, KEBOOLA), 0);
        assertThat(schedule.due(10)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        FollowedJob a = schedule.due(10).get(0);
        assertThat(schedule.due(10)).as("being checked: not handed out twice").isEmpty();

        schedule.checked(a, null, false);
        clock.advance(Duration.ofSeconds(9));
        assertThat(schedule.due(10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedule.due(10)).hasSize(1);
        schedule.checked(a, null, false);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(60));
            schedule.checked(schedule.due(10).get(0), null, false);
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(schedule.due(10)).as("the wait is held at 60 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        FollowedJob again = schedule.due(10).get(0);
        schedule.checked(again, DownstreamStatus.PROCESSING, false);
        clock.advance(Duration.ofSeconds(5));
        assertThat(schedule.due(10)).as("a change: checked again soon").hasSize(1)
                .allSatisfy(f -> assertThat(f.known()).isEqualTo(DownstreamStatus.PROCESSING));
    }

    @Test
    @DisplayName("given followed jobs, when the snapshot says finished, the job is deleted or its partition goes, then it is no longer followed")
    void stopsFollowing() {
        schedule.upsert(job("a", 1, TriggerOutcome.OK, "42", null, KEBOOLA), 0);
        schedule.upsert(job("b", 1, TriggerOutcome.OK, "43", null, KEBOOLA), 1);
        schedule.upsert(job("c", 1, TriggerOutcome.OK, "44", null, KEBOOLA), 1);
        schedule.upsert(job("a", 1, TriggerOutcome.OK, "42", downstream(DownstreamStatus.ERROR), KEBOOLA), 0);
        schedule.remove("b");
        assertThat(schedule.size()).isEqualTo(1);
        schedule.dropPartitions(List.of(1));
        assertThat(schedule.size()).isZero();
    }

    @Test
    @DisplayName("given a snapshot that lags behind our own report, then what we reported stays known and a new trigger starts afresh")
    void aLaggingSnapshotDoesNotUnlearn() {
        schedule.upsert(job("a", 1, TriggerOutcome.OK, "42", null, KEBOOLA), 0);
        clock.advance(Duration.ofSeconds(5));
        schedule.checked(schedule.due(1).get(0), DownstreamStatus.PROCESSING, false);
        schedule.upsert(job("a", 1, TriggerOutcome.OK, "42", downstream(DownstreamStatus.WAITING), KEBOOLA), 0);
        clock.advance(Duration.ofSeconds(5));
        assertThat(schedule.due(1).get(0).known()).isEqualTo(DownstreamStatus.PROCESSING);

        schedule.upsert(job("a", 2, TriggerOutcome.OK, "77", null, KEBOOLA), 0);
        clock.advance(Duration.ofSeconds(5));
        FollowedJob next = schedule.due(1).get(0);
        assertThat(next.keboolaJobId()).isEqualTo("77");
        assertThat(next.known()).isNull();
    }
}
