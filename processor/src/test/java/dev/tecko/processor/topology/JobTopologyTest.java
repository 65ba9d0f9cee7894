package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static dev.tecko.schemas.BatchStatus.COMPLETED;
import static dev.tecko.schemas.BatchStatus.EXPIRED;
import static dev.tecko.schemas.BatchStatus.FAILED;
import static dev.tecko.schemas.BatchStatus.IN_PROGRESS;
import static dev.tecko.schemas.BatchStatus.PENDING;
import static dev.tecko.schemas.BatchStatus.TIMED_OUT;
import static dev.tecko.schemas.BatchStatus.VALIDATING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JobTopologyTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
    }

    private static JobSpec withPolicy(TriggerPolicy policy, String... batches) {
        var s = Driver.spec(batches);
        return new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, policy, null, null);
    }

    @Nested
    class Create {
        @Test
        @DisplayName("given no job, when created, then it is active with every batch pending and one created event")
        void createsActiveJob() {
            d.create("job-1", "b1", "b2");

            JobSnapshot snapshot = d.lastSnapshot();
            assertThat(snapshot.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(snapshot.generation()).isEqualTo(1);
            assertThat(snapshot.batches()).extracting(BatchSnapshot::status).containsExactly(PENDING, PENDING);
            assertThat(snapshot.version()).isEqualTo(1);
            assertThat(snapshot.createdAt()).isEqualTo(T0);
            var events = d.drainEvents();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.CREATED);
                assertThat(e.sequence()).isEqualTo(1);
                assertThat(e.commandId()).isNotNull();
            });
        }

        @Test
        @DisplayName("given startPaused, when created, then the job is paused")
        void createsPausedJob() {
            var s = Driver.spec("b1");
            d.create("job-1", new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, null, null, true), T0);
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.PAUSED);
        }

        @Test
        @DisplayName("given an existing job, when created again, then command_rejected and the job is unchanged")
        void rejectsDuplicateCreate() {
            d.create("job-1", "b1");
            d.drainEvents();
            d.status.readValuesToList();

            d.create("job-1", "b9");

            assertThat(d.status.isEmpty()).isTrue();
            var events = d.drainEvents();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
                assertThat(e.sequence()).isEqualTo(2);
                assertThat(e.status()).isEqualTo(JobStatus.ACTIVE);
                assertThat(e.message()).contains("already exists");
            });
            assertThat(d.counter(ProcessorMetrics.COMMANDS_REJECTED)).isEqualTo(1.0);
        }

        @Test
        @DisplayName("given a max of 2 batches per job, when a job with 3 is created, then command_rejected and no job")
        void rejectsTooManyBatches() {
            d.close();
            try (var small = new Driver(ProcessorSettings.defaults(Topics.withDefaultPrefix()).withMaxBatchesPerJob(2))) {
                small.create("job-1", "b1", "b2", "b3");
                assertThat(small.status.isEmpty()).isTrue();
                assertThat(small.drainEvents()).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
                    assertThat(e.sequence()).isZero();
                    assertThat(e.message()).contains("exceed the limit of 2");
                });
                small.observe("job-1", "b1", COMPLETED, t(1));
                assertThat(small.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "unknown_job")).isEqualTo(1.0);
            }
        }
    }

    @Nested
    class Observations {
        @Test
        @DisplayName("given an active job, when every batch turns terminal, then exactly one trigger with TeckoChecker's variables")
        void triggersWhenAllTerminal() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", IN_PROGRESS, t(1));
            d.observe("job-1", "b1", COMPLETED, t(2));
            assertThat(d.triggers.isEmpty()).isTrue();
            d.observe("job-1", "b2", FAILED, t(3));

            TriggerCommand trigger = d.triggers.readValue();
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(trigger.triggerId()).isEqualTo("job-1:1");
            assertThat(trigger.requestedAt()).isEqualTo(t(3));
            assertThat(trigger.variables()).containsEntry("batch_ids_completed", "[\"b1\"]")
                    .containsEntry("batch_ids_failed", "[\"b2\"]").containsEntry("batch_count_total", "2");
            JobSnapshot last = d.lastSnapshot();
            assertThat(last.status()).isEqualTo(JobStatus.TRIGGERING);
            assertThat(last.lastTrigger().triggerId()).isEqualTo("job-1:1");
            assertThat(eventTypes()).containsExactly(EventType.CREATED, EventType.BATCH_CHANGED, EventType.BATCH_CHANGED,
                    EventType.BATCH_CHANGED, EventType.TRIGGER_REQUESTED);
            assertThat(d.counter(ProcessorMetrics.TRIGGERS_EMITTED)).isEqualTo(1.0);
        }

        @Test
        @DisplayName("given a job, when an observation is duplicated or arrives late, then nothing changes and nothing is emitted")
        void ignoresDuplicatesAndStale() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", IN_PROGRESS, t(5));
            d.status.readValuesToList();
            d.drainEvents();

            d.observe("job-1", "b1", IN_PROGRESS, t(5));   // duplicate
            d.observe("job-1", "b1", PENDING, t(3));       // older, reordered

            assertThat(d.status.isEmpty()).isTrue();
            assertThat(d.events.isEmpty()).isTrue();
            assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "stale")).isEqualTo(2.0);
            assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "applied")).isEqualTo(1.0);
        }

        @Test
        @DisplayName("given a poller whose clock is behind, when it reports completed after another reported in_progress, then completed is applied")
        void ordersByWhatTheProviderSaysNotByPollerClocks() {
            d.create("job-1", "b1");
            d.observe("job-1", "b1", IN_PROGRESS, t(50));   // poller A, clock ahead
            d.observe("job-1", "b1", COMPLETED, t(20));     // poller B after a rebalance, clock 30 s behind

            var job = d.latestSnapshots().get("job-1");
            assertThat(job.batches().get(0).status()).isEqualTo(COMPLETED);
            assertThat(job.status()).isEqualTo(JobStatus.TRIGGERING);
        }

        @Test
        @DisplayName("given a batch in progress, when a report from an earlier step arrives with a later clock, then it is stale")
        void anEarlierLifecycleStepIsStaleWhateverItsClock() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", IN_PROGRESS, t(5));
            d.observe("job-1", "b1", VALIDATING, t(9));

            assertThat(d.latestSnapshots().get("job-1").batches().get(0).status()).isEqualTo(IN_PROGRESS);
        }

        @Test
        @DisplayName("given a newer observation with the same content, then it changes nothing")
        void ignoresNewerObservationWithSameContent() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", IN_PROGRESS, t(5));
            d.status.readValuesToList();
            d.observe("job-1", "b1", IN_PROGRESS, t(9));
            assertThat(d.status.isEmpty()).isTrue();
        }

        @Test
        @DisplayName("given a terminal batch, when a newer non-terminal observation arrives, then the terminal status stays")
        void terminalIsAbsorbing() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", EXPIRED, t(5));
            d.observe("job-1", "b1", IN_PROGRESS, t(6));
            d.observe("job-1", "b1", COMPLETED, t(7));
            var batches = d.latestSnapshots().get("job-1").batches();
            assertThat(batches.get(0).status()).isEqualTo(EXPIRED);
            assertThat(batches.get(0).observedAt()).isEqualTo(t(5));
        }

        @Test
        @DisplayName("given observations for an unknown job or an unknown batch, then they are counted and dropped")
        void dropsUnknown() {
            d.observe("nope", "b1", COMPLETED, t(1));
            d.create("job-1", "b1");
            d.observe("job-1", "other", COMPLETED, t(1));
            assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "unknown_job")).isEqualTo(1.0);
            assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "unknown_batch")).isEqualTo(1.0);
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.dlq.isEmpty()).isTrue();
        }
    }

    @Nested
    class Policies {
        @Test
        @DisplayName("given all_completed, when a batch failed, then the job fails and nothing is triggered")
        void allCompletedFails() {
            d.create("job-1", withPolicy(TriggerPolicy.ALL_COMPLETED, "b1", "b2"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.observe("job-1", "b2", FAILED, t(2));
            assertThat(d.triggers.isEmpty()).isTrue();
            JobSnapshot last = d.lastSnapshot();
            assertThat(last.status()).isEqualTo(JobStatus.FAILED);
            assertThat(last.finishedAt()).isEqualTo(t(2));
            assertThat(eventTypes()).endsWith(EventType.FAILED);
        }

        @Test
        @DisplayName("given all_completed, when every batch completed, then it triggers")
        void allCompletedTriggers() {
            d.create("job-1", withPolicy(TriggerPolicy.ALL_COMPLETED, "b1"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            assertThat(d.triggers.readValuesToList()).hasSize(1);
        }

        @Test
        @DisplayName("given min_completed_ratio 0.5, when 1 of 2 completed then trigger; when 0 of 2, then failed")
        void minCompletedRatio() {
            d.create("job-1", withPolicy(TriggerPolicy.minCompletedRatio(0.5), "b1", "b2"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.observe("job-1", "b2", FAILED, t(2));
            assertThat(d.triggers.readValuesToList()).hasSize(1);

            d.create("job-2", withPolicy(TriggerPolicy.minCompletedRatio(0.5), "b1", "b2"), T0);
            d.observe("job-2", "b1", FAILED, t(1));
            d.observe("job-2", "b2", EXPIRED, t(2));
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.latestSnapshots().get("job-2").status()).isEqualTo(JobStatus.FAILED);
        }
    }

    @Nested
    class PauseResume {
        @Test
        @DisplayName("given a paused job, when its last batch turns terminal, then it waits; when resumed, then it triggers")
        void resumeTriggers() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.command(CommandType.PAUSE, "job-1", t(2));
            d.observe("job-1", "b2", COMPLETED, t(3));
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.PAUSED);

            d.command(CommandType.RESUME, "job-1", t(4));
            assertThat(d.triggers.readValue().requestedAt()).isEqualTo(t(4));
            assertThat(eventTypes()).containsSubsequence(EventType.PAUSED, EventType.BATCH_CHANGED, EventType.RESUMED,
                    EventType.TRIGGER_REQUESTED);
        }

        @Test
        @DisplayName("given a paused job with open batches, when resumed, then it is active and nothing triggers")
        void resumeWithoutTrigger() {
            d.create("job-1", "b1");
            d.command(CommandType.PAUSE, "job-1", t(1));
            d.command(CommandType.RESUME, "job-1", t(2));
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(d.triggers.isEmpty()).isTrue();
        }

        @Test
        @DisplayName("given an active job, when resumed or paused twice, then command_rejected with the reason")
        void invalidPauseResume() {
            d.create("job-1", "b1");
            d.command(CommandType.RESUME, "job-1", t(1));
            d.command(CommandType.PAUSE, "job-1", t(2));
            d.command(CommandType.PAUSE, "job-1", t(3));
            var events = d.drainEvents();
            assertThat(events).extracting(JobEvent::type).containsExactly(EventType.CREATED, EventType.COMMAND_REJECTED,
                    EventType.PAUSED, EventType.COMMAND_REJECTED);
            assertThat(events.get(1).message()).isEqualTo("cannot resume a job that is active");
            assertThat(events.get(3).message()).isEqualTo("cannot pause a job that is paused");
            assertThat(events).extracting(JobEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Nested
    class TriggerResults {
        private void triggered() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.observe("job-1", "b2", COMPLETED, t(2));
            d.status.readValuesToList();
            d.drainEvents();
        }

        @Test
        @DisplayName("given a triggering job, when the result is ok and every batch completed, then completed")
        void okCompletes() {
            triggered();
            d.result("job-1", 1, TriggerOutcome.OK, t(3));
            JobSnapshot last = d.lastSnapshot();
            assertThat(last.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(last.lastTrigger().outcome()).isEqualTo(TriggerOutcome.OK);
            assertThat(last.lastTrigger().keboolaJobId()).isEqualTo("kbc-42");
            assertThat(last.finishedAt()).isEqualTo(t(3));
            assertThat(eventTypes()).containsExactly(EventType.TRIGGERED);
        }

        @Test
        @DisplayName("given a triggered job with a failed batch, when the result is ok, then completed_with_failures")
        void okWithFailures() {
            d.create("job-1", "b1", "b2");
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.observe("job-1", "b2", FAILED, t(2));
            d.result("job-1", 1, TriggerOutcome.OK, t(3));
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.COMPLETED_WITH_FAILURES);
        }

        @Test
        @DisplayName("given a triggering job, when the result failed or unknown, then trigger_failed with the error")
        void notOkFails() {
            triggered();
            d.result("job-1", 1, TriggerOutcome.UNKNOWN, t(3));
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.TRIGGER_FAILED);
            assertThat(d.drainEvents()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.TRIGGER_FAILED);
                assertThat(e.message()).isEqualTo("downstream said no");
            });
        }

        @Test
        @DisplayName("given a trigger_failed job, when retriggered, then generation 2 triggers at once; an old result changes nothing")
        void retriggerOpensNextGeneration() {
            triggered();
            d.triggers.readValuesToList();
            d.result("job-1", 1, TriggerOutcome.FAILED, t(3));
            d.command(CommandType.RETRIGGER, "job-1", t(4));

            TriggerCommand second = d.triggers.readValue();
            assertThat(second.triggerId()).isEqualTo("job-1:2");
            assertThat(second.generation()).isEqualTo(2);
            JobSnapshot snapshot = d.lastSnapshot();
            assertThat(snapshot.generation()).isEqualTo(2);
            assertThat(snapshot.status()).isEqualTo(JobStatus.TRIGGERING);
            assertThat(snapshot.finishedAt()).isNull();
            d.drainEvents();

            d.result("job-1", 1, TriggerOutcome.OK, t(5));  // the old generation's answer, late
            assertThat(d.status.isEmpty()).isTrue();
            assertThat(d.counter(ProcessorMetrics.TRIGGER_RESULTS, "outcome", "stale")).isEqualTo(1.0);

            d.result("job-1", 2, TriggerOutcome.OK, t(6));
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.COMPLETED);
            d.command(CommandType.RETRIGGER, "job-1", t(7));
            assertThat(d.triggers.readValue().triggerId()).isEqualTo("job-1:3");
        }

        @Test
        @DisplayName("given all_completed refused a job, when retriggered, then the operator's retrigger triggers anyway")
        void retriggerFromFailed() {
            d.create("job-1", withPolicy(TriggerPolicy.ALL_COMPLETED, "b1"), T0);
            d.observe("job-1", "b1", FAILED, t(1));
            d.command(CommandType.RETRIGGER, "job-1", t(2));
            assertThat(d.triggers.readValue().generation()).isEqualTo(2);
        }

        @Test
        @DisplayName("given an active job, when retriggered or a result arrives, then rejected / ignored")
        void retriggerRejectedWhileActive() {
            d.create("job-1", "b1");
            d.command(CommandType.RETRIGGER, "job-1", t(1));
            d.result("job-1", 1, TriggerOutcome.OK, t(2));
            d.result("ghost", 1, TriggerOutcome.OK, t(2));
            assertThat(eventTypes()).containsExactly(EventType.CREATED, EventType.COMMAND_REJECTED);
            assertThat(d.counter(ProcessorMetrics.TRIGGER_RESULTS, "outcome", "unknown_job")).isEqualTo(1.0);
        }
    }

    @Nested
    class CancelUpdateDelete {
        @Test
        @DisplayName("given an active job, when cancelled, then cancelled, later observations ignored, nothing triggers")
        void cancel() {
            d.create("job-1", "b1");
            d.command(CommandType.CANCEL, "job-1", t(1));
            d.observe("job-1", "b1", COMPLETED, t(2));
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(d.triggers.isEmpty()).isTrue();
            d.command(CommandType.PAUSE, "job-1", t(3));
            d.command(CommandType.CANCEL, "job-1", t(4));
            assertThat(eventTypes()).containsExactly(EventType.CREATED, EventType.CANCELLED, EventType.COMMAND_REJECTED,
                    EventType.COMMAND_REJECTED);
            assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "ignored")).isEqualTo(1.0);
        }

        @Test
        @DisplayName("given a job, when updated, then the settings change and the batches stay")
        void update() {
            d.create("job-1", "b1");
            d.observe("job-1", "b1", IN_PROGRESS, t(1));
            var patch = new JobPatch("renamed", null, null, 300, null, null, TriggerPolicy.ALL_COMPLETED, t(100), null);
            d.send(JobCommand.update("c-up", "job-1", patch, t(2)), t(2));
            JobSnapshot s = d.lastSnapshot();
            assertThat(s.name()).isEqualTo("renamed");
            assertThat(s.pollIntervalSeconds()).isEqualTo(300);
            assertThat(s.triggerPolicy()).isEqualTo(TriggerPolicy.ALL_COMPLETED);
            assertThat(s.deadline()).isEqualTo(t(100));
            assertThat(s.batches().get(0).status()).isEqualTo(IN_PROGRESS);
            d.send(JobCommand.update("c-clear", "job-1", new JobPatch(null, null, null, null, null, null, null, null, true), t(3)), t(3));
            assertThat(d.lastSnapshot().deadline()).isNull();
            assertThat(eventTypes()).endsWith(EventType.UPDATED, EventType.UPDATED);
        }

        @Test
        @DisplayName("given a job polled every 120 s, when updated to a max poll interval below that, then command_rejected")
        void updateInconsistent() {
            d.create("job-1", "b1");
            d.send(JobCommand.update("c-up", "job-1", new JobPatch(null, null, null, null, null, 60, null, null, null), t(1)), t(1));
            assertThat(d.drainEvents()).last().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
                assertThat(e.message()).contains("maxPollIntervalSeconds");
            });
        }

        @Test
        @DisplayName("given a job, when deleted, then a tombstone, a deleted event, and later input finds no job")
        void delete() {
            d.create("job-1", "b1");
            d.command(CommandType.DELETE, "job-1", t(1));
            var records = d.status.readKeyValuesToList();
            assertThat(records.get(records.size() - 1).value).isNull();
            assertThat(records.get(records.size() - 1).key).isEqualTo("job-1");
            d.observe("job-1", "b1", COMPLETED, t(2));
            d.command(CommandType.PAUSE, "job-1", t(3));
            var events = d.drainEvents();
            assertThat(events).extracting(JobEvent::type).containsExactly(EventType.CREATED, EventType.DELETED,
                    EventType.COMMAND_REJECTED);
            assertThat(events.get(2).message()).isEqualTo("job job-1 does not exist");
            assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "unknown_job")).isEqualTo(1.0);
            d.create("job-1", "b1");
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.ACTIVE);
        }

        @Test
        @DisplayName("given a deleted job, when its id is created again, then it goes on with the next generation and event"
                + " sequence, so its trigger id is new")
        void recreatedJobNeverRepeatsATriggerId() {
            d.create("job-1", "b1");
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.command(CommandType.DELETE, "job-1", t(2));
            long sequenceAtDelete = d.drainEvents().stream().mapToLong(JobEvent::sequence).max().orElseThrow();

            d.create("job-1", "b1");
            d.observe("job-1", "b1", COMPLETED, t(3));

            assertThat(d.triggers.readValuesToList()).extracting(TriggerCommand::triggerId).containsExactly("job-1:1", "job-1:2");
            assertThat(d.lastSnapshot().generation()).isEqualTo(2);
            assertThat(d.drainEvents()).first().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.CREATED);
                assertThat(e.sequence()).isEqualTo(sequenceAtDelete + 1);
            });
        }
    }

    @Nested
    class Deadline {
        private JobSpec withDeadline(Instant deadline, TriggerPolicy policy, Boolean paused, String... batches) {
            var s = Driver.spec(batches);
            return new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, policy, deadline, paused);
        }

        @Test
        @DisplayName("given a deadline, when wall-clock time passes it, then open batches time out and the job triggers")
        void deadlineTriggers() {
            d.create("job-1", withDeadline(T0.plusSeconds(60), null, null, "b1", "b2"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(d.triggers.isEmpty()).isTrue();

            d.driver.advanceWallClockTime(Duration.ofSeconds(40));
            TriggerCommand trigger = d.triggers.readValue();
            assertThat(trigger.batches()).extracting(b -> b.status()).containsExactly(COMPLETED, TIMED_OUT);
            assertThat(trigger.variables()).containsEntry("batch_count_failed", "1");
            assertThat(eventTypes()).endsWith(EventType.TIMED_OUT, EventType.TRIGGER_REQUESTED);
            assertThat(d.counter(ProcessorMetrics.JOBS_TIMED_OUT)).isEqualTo(1.0);

            d.driver.advanceWallClockTime(Duration.ofSeconds(40));
            assertThat(d.triggers.isEmpty()).isTrue();
        }

        @Test
        @DisplayName("given all_completed and a deadline, when it passes with a batch open, then the job fails")
        void deadlineFails() {
            d.create("job-1", withDeadline(T0.plusSeconds(5), TriggerPolicy.ALL_COMPLETED, null, "b1"), T0);
            d.driver.advanceWallClockTime(Duration.ofSeconds(11));
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.FAILED);
        }

        @Test
        @DisplayName("given a paused job, when its deadline passes, then batches time out but it waits for resume")
        void deadlineWhilePaused() {
            d.create("job-1", withDeadline(T0.plusSeconds(5), null, true, "b1"), T0);
            d.driver.advanceWallClockTime(Duration.ofSeconds(11));
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.lastSnapshot().batches().get(0).status()).isEqualTo(TIMED_OUT);
            d.command(CommandType.RESUME, "job-1", t(20));
            assertThat(d.triggers.readValuesToList()).hasSize(1);
        }
    }
}
