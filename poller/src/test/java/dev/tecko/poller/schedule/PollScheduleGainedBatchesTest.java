package dev.tecko.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.schemas.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Batches a tagged job's snapshot gains (added by the processor from a discovery) are checked on the next turn. */
class PollScheduleGainedBatchesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PollSchedule schedule = new PollSchedule(clock, new IntervalPolicy(10), new Jitter(new Random(1), 0.1));

    private List<String> dueBatches() {
        return schedule.takeDue().stream().flatMap(d -> d.batches().stream()).map(DueJob.DueBatch::batchId).toList();
    }

    @Test
    @DisplayName("given a watched job between turns when its snapshot gains a batch then the job is due at once with it, not an interval later")
    void gainedBetweenTurns() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 600, "k", "b1"), 0);
        clock.advance(Duration.ofSeconds(300));
        List<DueJob> first = schedule.takeDue();
        first.forEach(d -> schedule.checked(d, null));
        assertThat(schedule.nextDue("j1").orElseThrow()).isAfter(clock.instant().plusSeconds(500));

        clock.advance(Duration.ofSeconds(1));
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 600, "k", "b1", "b2"), 0);

        assertThat(schedule.nextDue("j1")).hasValue(clock.instant());
        assertThat(dueBatches()).contains("b2");
    }

    @Test
    @DisplayName("given a job whose turn is in flight when its snapshot gains a batch then the turn after it comes at once")
    void gainedDuringATurn() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 600, "k", "b1"), 0);
        clock.advance(Duration.ofSeconds(300));
        List<DueJob> turn = schedule.takeDue();
        assertThat(turn).hasSize(1);

        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 600, "k", "b1", "b2"), 0);
        turn.forEach(d -> schedule.checked(d, null));

        assertThat(schedule.nextDue("j1")).hasValue(clock.instant());
        assertThat(dueBatches()).contains("b2");
    }

    @Test
    @DisplayName("given a watched job when a snapshot changes nothing in its batches then its next turn stays where it was")
    void unchangedKeepsItsTurn() {
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 600, "k", "b1"), 0);
        Instant due = schedule.nextDue("j1").orElseThrow();

        clock.advance(Duration.ofSeconds(1));
        schedule.upsert(Snapshots.job("j1", JobStatus.ACTIVE, 600, "k", "b1"), 0);

        assertThat(schedule.nextDue("j1")).hasValue(due);
    }
}
