package dev.tecko.processor.machine;

import static dev.tecko.processor.machine.MachineDriver.T0;
import static dev.tecko.schemas.BatchStatus.COMPLETED;
import static dev.tecko.schemas.BatchStatus.IN_PROGRESS;
import static dev.tecko.schemas.BatchStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.tecko.schemas.TriggerPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The state machine's answer to each command, driven without Kafka (the topology's wiring: {@code JobTopologyTest}). */
class JobMachineCommandsTest {
    private final MachineDriver d = new MachineDriver();

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
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
            assertThat(d.drainEvents()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.CREATED);
                assertThat(e.sequence()).isEqualTo(1);
                assertThat(e.commandId()).isNotNull();
            });
        }

        @Test
        @DisplayName("given startPaused, when created, then the job is paused")
        void createsPausedJob() {
            var s = MachineDriver.spec("b1");
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
            assertThat(d.drainEvents()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
                assertThat(e.sequence()).isEqualTo(2);
                assertThat(e.status()).isEqualTo(JobStatus.ACTIVE);
                assertThat(e.message()).contains("already exists");
            });
        }

        @Test
        @DisplayName("given a max of 2 batches per job, when a job with 3 is created, then command_rejected and no job")
        void rejectsTooManyBatches() {
            var small = new MachineDriver(2);
            small.create("job-1", "b1", "b2", "b3");
            assertThat(small.status.isEmpty()).isTrue();
            assertThat(small.drainEvents()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
                assertThat(e.sequence()).isZero();
                assertThat(e.message()).contains("exceed the limit of 2");
            });
            small.observe("job-1", "b1", COMPLETED, t(1));
            assertThat(small.observations(TransitionOutcome.UNKNOWN_JOB)).isEqualTo(1);
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
            assertThat(d.observations(TransitionOutcome.IGNORED)).isEqualTo(1);
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
            assertThat(d.observations(TransitionOutcome.UNKNOWN_JOB)).isEqualTo(1);
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
}
