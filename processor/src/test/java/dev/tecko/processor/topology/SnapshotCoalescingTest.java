package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static dev.tecko.schemas.BatchStatus.COMPLETED;
import static dev.tecko.schemas.BatchStatus.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code job-status} gets a job's snapshot once per snapshot interval however often the job changed within it, as the
 * job is at the end of it; {@code job-events} and {@code triggers} get every change when it happens. The set of jobs
 * waiting for their snapshot is a store of its own, so a change is published even when the task moves before its
 * interval ends.
 */
class SnapshotCoalescingTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private String[] batches(int n) {
        return IntStream.range(0, n).mapToObj(i -> "b" + i).toArray(String[]::new);
    }

    @Test
    @DisplayName("given a 100-batch job, when every batch finishes within one interval, then job-status gets one snapshot, the final one, "
            + "while job-events and triggers got every change at once")
    void manyChangesWithinOneIntervalAreOneSnapshot() {
        d.create("job-1", batches(100));
        for (int i = 0; i < 100; i++) {
            d.observe("job-1", "b" + i, COMPLETED, t(1 + i));
        }

        assertThat(d.statusSoFar().isEmpty()).as("nothing published before the interval passed").isTrue();
        assertThat(d.drainEvents()).filteredOn(e -> e.type() == EventType.BATCH_CHANGED).hasSize(100);
        assertThat(d.triggers.readValuesToList()).as("the trigger is not held back").hasSize(1);

        List<JobSnapshot> published = d.status().readValuesToList();
        assertThat(published).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(JobStatus.TRIGGERING);
            assertThat(s.batches()).allSatisfy(b -> assertThat(b.status()).isEqualTo(COMPLETED));
        });
        assertThat(d.status().isEmpty()).as("nothing changed since: nothing more").isTrue();
    }

    @Test
    @DisplayName("given a job, when it changes in two intervals, then each interval publishes its own snapshot, versions rising")
    void eachIntervalPublishesItsChanges() {
        d.create("job-1", "b1", "b2");
        d.observe("job-1", "b1", IN_PROGRESS, t(1));
        JobSnapshot first = d.lastSnapshot();

        d.observe("job-1", "b1", COMPLETED, t(2));
        d.observe("job-1", "b2", COMPLETED, t(3));
        d.result("job-1", 1, TriggerOutcome.OK, t(4));
        JobSnapshot second = d.lastSnapshot();

        assertThat(second.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(second.updatedAt()).isEqualTo(t(4));
    }

    @Test
    @DisplayName("given a published job, when it is changed and then deleted within one interval, then only its tombstone is published")
    void aDeleteWithinTheIntervalPublishesOnlyTheTombstone() {
        d.create("job-1", "b1");
        d.status().readValuesToList();

        d.observe("job-1", "b1", IN_PROGRESS, t(1));
        d.command(CommandType.DELETE, "job-1", t(2));

        var records = d.status().readKeyValuesToList();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key).isEqualTo("job-1");
            assertThat(r.value).isNull();
        });
    }

    @Test
    @DisplayName("given a change not yet published, then the job waits in its own change-logged store, and leaves it when published")
    void aWaitingSnapshotIsKeptInAStore() {
        d.create("job-1", "b1");
        KeyValueStore<String, byte[]> unpublished = d.driver.getKeyValueStore(d.settings.unpublishedStoreName());
        assertThat(unpublished.get("job-1")).isNotNull();
        assertThat(d.driver.producedTopicNames()).as("the waiting set is change-logged with the task")
                .anyMatch(name -> name.endsWith(d.settings.unpublishedStoreName() + "-changelog"));

        assertThat(d.latestSnapshots()).containsKey("job-1");
        assertThat(unpublished.get("job-1")).isNull();
    }

    @Test
    @DisplayName("given a rejected or stale input, then nothing waits to be published")
    void nothingChangedNothingWaits() {
        d.create("job-1", "b1");
        d.status().readValuesToList();
        d.create("job-1", "b9");
        d.observe("job-1", "b1", COMPLETED, t(5));
        d.observe("job-1", "b1", IN_PROGRESS, t(3));
        assertThat(d.drainEvents()).extracting(JobEvent::type).contains(EventType.COMMAND_REJECTED);

        assertThat(d.status().readValuesToList()).as("only the applied observation's snapshot").singleElement()
                .satisfies(s -> assertThat(s.batches().get(0).status()).isEqualTo(COMPLETED));
    }

    @Test
    @DisplayName("given a 1,000-batch job, when it changes, then its snapshot waits ten intervals (one per 100 batches), "
            + "while a 10-batch job's waits one")
    void aLargeJobsSnapshotWaitsLonger() {
        d.create("big", batches(1_000));
        d.create("small", batches(10));
        d.driver.advanceWallClockTime(d.settings.snapshotInterval());
        assertThat(d.statusSoFar().readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("small");

        d.driver.advanceWallClockTime(d.settings.snapshotInterval().multipliedBy(8));
        assertThat(d.statusSoFar().isEmpty()).as("nine intervals: not yet").isTrue();
        d.observe("big", "b1", COMPLETED, t(1));
        d.driver.advanceWallClockTime(d.settings.snapshotInterval());
        assertThat(d.statusSoFar().readValuesToList()).as("due ten intervals after its first unpublished change")
                .singleElement().satisfies(s -> assertThat(s.batches().get(1).status()).isEqualTo(COMPLETED));
    }

    @Test
    @DisplayName("given a longer snapshot interval in the settings, then snapshots wait for it")
    void theIntervalComesFromTheSettings() {
        d.close();
        try (var slow = new Driver(ProcessorSettings.defaults(Topics.withDefaultPrefix()).withSnapshotInterval(Duration.ofSeconds(5)))) {
            slow.create("job-1", "b1");
            slow.driver.advanceWallClockTime(Duration.ofSeconds(4));
            assertThat(slow.statusSoFar().isEmpty()).isTrue();
            slow.driver.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(slow.statusSoFar().readValuesToList()).hasSize(1);
        }
    }
}
