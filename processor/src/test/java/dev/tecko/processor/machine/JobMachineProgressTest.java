package dev.tecko.processor.machine;

import static dev.tecko.processor.machine.MachineDriver.T0;
import static dev.tecko.schemas.BatchStatus.COMPLETED;
import static dev.tecko.schemas.BatchStatus.EXPIRED;
import static dev.tecko.schemas.BatchStatus.FAILED;
import static dev.tecko.schemas.BatchStatus.IN_PROGRESS;
import static dev.tecko.schemas.BatchStatus.PENDING;
import static dev.tecko.schemas.BatchStatus.TIMED_OUT;
import static dev.tecko.schemas.BatchStatus.VALIDATING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How a job moves on: observations, trigger policies, trigger results and deadlines, driven without Kafka. */
class JobMachineProgressTest {
    private final MachineDriver d = new MachineDriver();

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
    }

    private static JobSpec with(TriggerPolicy policy, Instant deadline, Boolean paused, String... batches) {
        var s = MachineDriver.spec(batches);
        return new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, policy, deadline, paused);
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
            assertThat(d.observations(TransitionOutcome.STALE)).isEqualTo(2);
            assertThat(d.observations(TransitionOutcome.APPLIED)).isEqualTo(1);
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
        @DisplayName("given observations for an unknown job or an unknown batch, then they change nothing")
        void dropsUnknown() {
            d.observe("nope", "b1", COMPLETED, t(1));
            d.create("job-1", "b1");
            d.observe("job-1", "other", COMPLETED, t(1));
            assertThat(d.observations(TransitionOutcome.UNKNOWN_JOB)).isEqualTo(1);
            assertThat(d.observations(TransitionOutcome.UNKNOWN_BATCH)).isEqualTo(1);
            assertThat(d.triggers.isEmpty()).isTrue();
        }
    }

    @Nested
    class Policies {
        @Test
        @DisplayName("given all_completed, when a batch failed, then the job fails and nothing is triggered")
        void allCompletedFails() {
            d.create("job-1", with(TriggerPolicy.ALL_COMPLETED, null, null, "b1", "b2"), T0);
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
            d.create("job-1", with(TriggerPolicy.ALL_COMPLETED, null, null, "b1"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            assertThat(d.triggers.readValuesToList()).hasSize(1);
        }

        @Test
        @DisplayName("given min_completed_ratio 0.5, when 1 of 2 completed then trigger; when 0 of 2, then failed")
        void minCompletedRatio() {
            d.create("job-1", with(TriggerPolicy.minCompletedRatio(0.5), null, null, "b1", "b2"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.observe("job-1", "b2", FAILED, t(2));
            assertThat(d.triggers.readValuesToList()).hasSize(1);

            d.create("job-2", with(TriggerPolicy.minCompletedRatio(0.5), null, null, "b1", "b2"), T0);
            d.observe("job-2", "b1", FAILED, t(1));
            d.observe("job-2", "b2", EXPIRED, t(2));
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.latestSnapshots().get("job-2").status()).isEqualTo(JobStatus.FAILED);
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
            assertThat(d.results(TransitionOutcome.STALE)).isEqualTo(1);

            d.result("job-1", 2, TriggerOutcome.OK, t(6));
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.COMPLETED);
            d.command(CommandType.RETRIGGER, "job-1", t(7));
            assertThat(d.triggers.readValue().triggerId()).isEqualTo("job-1:3");
        }

        @Test
        @DisplayName("given all_completed refused a job, when retriggered, then the operator's retrigger triggers anyway")
        void retriggerFromFailed() {
            d.create("job-1", with(TriggerPolicy.ALL_COMPLETED, null, null, "b1"), T0);
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
            assertThat(d.results(TransitionOutcome.UNKNOWN_JOB)).isEqualTo(1);
        }
    }

    @Nested
    class Deadline {
        @Test
        @DisplayName("given a deadline, when it passes, then open batches time out and the job triggers, once")
        void deadlineTriggers() {
            d.create("job-1", with(null, t(60), null, "b1", "b2"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            d.checkDeadlines(t(30));
            assertThat(d.triggers.isEmpty()).isTrue();

            d.checkDeadlines(t(70));
            TriggerCommand trigger = d.triggers.readValue();
            assertThat(trigger.batches()).extracting(b -> b.status()).containsExactly(COMPLETED, TIMED_OUT);
            assertThat(trigger.variables()).containsEntry("batch_count_failed", "1");
            assertThat(eventTypes()).endsWith(EventType.TIMED_OUT, EventType.TRIGGER_REQUESTED);

            d.checkDeadlines(t(110));
            assertThat(d.triggers.isEmpty()).isTrue();
        }

        @Test
        @DisplayName("given all_completed and a deadline, when it passes with a batch open, then the job fails")
        void deadlineFails() {
            d.create("job-1", with(TriggerPolicy.ALL_COMPLETED, t(5), null, "b1"), T0);
            d.checkDeadlines(t(11));
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.FAILED);
        }

        @Test
        @DisplayName("given a paused job, when its deadline passes, then batches time out but it waits for resume")
        void deadlineWhilePaused() {
            d.create("job-1", with(null, t(5), true, "b1"), T0);
            d.checkDeadlines(t(11));
            assertThat(d.triggers.isEmpty()).isTrue();
            assertThat(d.lastSnapshot().batches().get(0).status()).isEqualTo(TIMED_OUT);
            d.command(CommandType.RESUME, "job-1", t(20));
            assertThat(d.triggers.readValuesToList()).hasSize(1);
        }
    }
}
