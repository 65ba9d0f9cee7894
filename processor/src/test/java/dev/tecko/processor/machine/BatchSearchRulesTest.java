package dev.tecko.processor.machine;

import static dev.tecko.processor.machine.MachineDriver.T0;
import static dev.tecko.processor.machine.MachineDriver.TAG;
import static dev.tecko.processor.machine.MachineDriver.found;
import static dev.tecko.processor.machine.MachineDriver.tagged;
import static dev.tecko.schemas.BatchStatus.COMPLETED;
import static dev.tecko.schemas.BatchStatus.FAILED;
import static dev.tecko.schemas.BatchStatus.PENDING;
import static dev.tecko.schemas.BatchStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.SealReason;
import dev.tecko.schemas.SealState;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A tagged job's batch list, driven through the pure machine: created open (maybe sealed at once), batches added by
 * discoveries, sealed by the seal command, {@code sealAt}, {@code expectedBatches} or the deadline, and only then able to
 * trigger; late, duplicated, stale and over-limit discoveries (the topology's wiring: {@code BatchTagTopologyTest}).
 */
class BatchSearchRulesTest {
    private final MachineDriver d = new MachineDriver(4);

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
    }

    private JobEvent onlyEvent(EventType type) {
        return d.drainEvents().stream().filter(e -> e.type() == type).reduce((a, b) -> {
            throw new AssertionError("more than one " + type);
        }).orElseThrow(() -> new AssertionError("no " + type));
    }

    private void discover(Instant listedUpTo, Instant at, String... ids) {
        d.discover(found("job-1", T0, listedUpTo, at, ids), at);
    }

    private JobSnapshot latest;

    /** The latest snapshot published (reading job-status drains it: the one seen last is kept). */
    private JobSnapshot snapshot() {
        JobSnapshot published = d.lastSnapshot();
        latest = published != null ? published : latest;
        return latest;
    }

    private BatchSearch search() {
        return snapshot().batchSearch();
    }

    private List<String> batchIds(JobSnapshot s) {
        return s.batches().stream().map(BatchSnapshot::batchId).toList();
    }

    /** A tagged job created at T0 with the named ids, no sealAt, expectedBatches or deadline; its creation drained. */
    private void open(String... ids) {
        d.create("job-1", tagged(null, null, null, ids), T0);
        d.drainEvents();
    }

    private void seal(int at) {
        d.command(CommandType.SEAL, "job-1", t(at));
    }

    @Nested
    class Create {
        @Test
        @DisplayName("given a tag and no batch id, when created, then the job is active, holds no batch, and its search is open from its creation")
        void createsOpenWithNoBatch() {
            d.create("job-1", tagged(null, null, null), T0);

            JobSnapshot s = snapshot();
            assertThat(s.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(s.batches()).isEmpty();
            assertThat(s.batchSearch()).isEqualTo(BatchSearch.open(TAG, T0, null, null));
            assertThat(s.batchSearch().state()).isEqualTo(SealState.OPEN);
            assertThat(eventTypes()).containsExactly(EventType.CREATED);
        }

        @Test
        @DisplayName("given tagSince, when created, then the search's window starts there")
        void tagSinceStartsTheWindow() {
            var s = tagged(null, null, null, "b1");
            d.create("job-1", new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, null, null, null, null,
                    null, TAG, T0.minusSeconds(3_600), null, null), T0);
            assertThat(search().since()).isEqualTo(T0.minusSeconds(3_600));
        }

        @Test
        @DisplayName("given named ids that reach expectedBatches, when created, then the list is sealed at once (expected_batches)")
        void sealedAtOnceByExpectedBatches() {
            d.create("job-1", tagged(null, 2, null, "b1", "b2"), T0);

            assertThat(search().state()).isEqualTo(SealState.SEALED);
            assertThat(search().sealedBy()).isEqualTo(SealReason.EXPECTED_BATCHES);
            assertThat(search().sealedAt()).isEqualTo(T0);
            assertThat(eventTypes()).containsExactly(EventType.CREATED, EventType.SEALED);
        }

        @Test
        @DisplayName("given a tag and a secret known to be Anthropic's or Gemini's, when created, then rejected invalid naming spec.batchTag; an OpenAI or unknown secret is fine")
        void aTagNeedsAnOpenAiSecret() {
            var machine = new JobMachine(10, Duration.ofMinutes(30), new TargetAllowList(List.of(), false));
            for (SecretType type : List.of(SecretType.ANTHROPIC, SecretType.GEMINI)) {
                SecretTypes secrets = name -> name.equals("openai-key") ? Optional.of(type) : Optional.empty();
                Transition t = machine.onCommand(null, JobBatches.NONE, JobCommand.create("c1", "job-1", tagged(null, null, null), T0), T0,
                        secrets);
                assertThat(t.rejected()).as(type.wire()).isTrue();
                assertThat(t.events()).singleElement().satisfies(e -> {
                    assertThat(e.rejectionCode()).isEqualTo(RejectionCode.INVALID);
                    assertThat(e.message()).startsWith("spec.batchTag: ").contains(type.wire());
                });
            }
            SecretTypes openai = name -> name.equals("openai-key") ? Optional.of(SecretType.OPENAI) : Optional.empty();
            assertThat(machine.onCommand(null, JobBatches.NONE, JobCommand.create("c1", "job-1", tagged(null, null, null), T0), T0, openai)
                    .outcome()).isEqualTo(TransitionOutcome.APPLIED);
            assertThat(machine.onCommand(null, JobBatches.NONE, JobCommand.create("c1", "job-1", tagged(null, null, null), T0), T0,
                    SecretTypes.UNKNOWN).outcome()).isEqualTo(TransitionOutcome.APPLIED);
        }

        @Test
        @DisplayName("given expectedBatches above the deployment's limit per job, when created, then rejected invalid naming spec.expectedBatches: the count could never be reached")
        void expectedBatchesAboveTheLimitAreRejected() {
            var machine = new JobMachine(10, Duration.ofMinutes(30), new TargetAllowList(List.of(), false));
            Transition t = machine.onCommand(null, JobBatches.NONE, JobCommand.create("c1", "job-1", tagged(null, 11, null), T0), T0);
            assertThat(t.rejected()).isTrue();
            assertThat(t.events()).singleElement().satisfies(e -> {
                assertThat(e.rejectionCode()).isEqualTo(RejectionCode.INVALID);
                assertThat(e.message()).startsWith("spec.expectedBatches: ").contains("limit of 10");
            });
            assertThat(machine.onCommand(null, JobBatches.NONE, JobCommand.create("c1", "job-1", tagged(null, 10, null), T0), T0)
                    .outcome()).isEqualTo(TransitionOutcome.APPLIED);
        }

        @Test
        @DisplayName("given a tagged job, when an update moves it to an Anthropic secret, then rejected invalid naming patch.openaiSecret and the job keeps its secret")
        void anUpdateToAProviderWithoutMetadataIsRejected() {
            d.create("job-1", tagged(null, null, null), T0);
            d.drainEvents();
            SecretTypes secrets = name -> name.equals("claude-key") ? Optional.of(SecretType.ANTHROPIC) : Optional.of(SecretType.OPENAI);

            Transition t = d.send(JobCommand.update("c9", "job-1", new JobPatch(null, "claude-key", null, null, null, null, null, null,
                    null, null, null), t(7)), t(7), secrets);

            assertThat(t.rejected()).isTrue();
            assertThat(onlyEvent(EventType.COMMAND_REJECTED).message()).startsWith("patch.openaiSecret: ").contains("anthropic");
            assertThat(snapshot().openaiSecret()).isEqualTo("openai-key");
        }

        @Test
        @DisplayName("given a tagged job holding no batch, when updated, then the update applies and the search is kept as it was")
        void anUpdateKeepsTheSearch() {
            d.create("job-1", tagged(t(400), 3, null), T0);
            discover(t(5), t(6));
            BatchSearch before = search();

            d.send(JobCommand.update("c9", "job-1", new JobPatch("renamed", null, null, null, null, null, null, null, null, null, null),
                    t(7)), t(7));

            assertThat(eventTypes()).contains(EventType.UPDATED).doesNotContain(EventType.COMMAND_REJECTED);
            JobSnapshot after = snapshot();
            assertThat(after.name()).isEqualTo("renamed");
            assertThat(after.batchSearch()).isEqualTo(before);
            JobSpec settings = d.stored("job-1").settings(List.of());
            assertThat(List.of(settings.batchTag(), settings.tagSince(), settings.sealAt(), settings.expectedBatches()))
                    .as("settings round-trip the tag settings").containsExactly(TAG, T0, t(400), 3);
        }
    }

    @Nested
    class Discoveries {
        @Test
        @DisplayName("given an open list, when a search finds new ids, then they are added pending after the named ones, with one batches_added event naming them")
        void addsNewIds() {
            open("b1");
            discover(null, t(5), "x1", "x2");

            JobSnapshot s = snapshot();
            assertThat(batchIds(s)).containsExactly("b1", "x1", "x2");
            assertThat(s.batches()).extracting(BatchSnapshot::status).containsOnly(PENDING);
            assertThat(s.counts().total()).isEqualTo(3);
            assertThat(s.counts().open()).isEqualTo(3);
            JobEvent added = onlyEvent(EventType.BATCHES_ADDED);
            assertThat(added.batchIds()).containsExactly("x1", "x2");
            assertThat(added.message()).contains(TAG.toString());
            assertThat(d.discoveries(TransitionOutcome.APPLIED)).isEqualTo(1);
        }

        @Test
        @DisplayName("given ids already held, when found again, then nothing changes: no event, no snapshot")
        void duplicatesChangeNothing() {
            open("b1");
            discover(t(3), t(5), "x1");
            d.drainEvents();
            d.status.readValuesToList();

            discover(t(3), t(6), "x1", "b1");

            assertThat(d.drainEvents()).isEmpty();
            assertThat(d.status.isEmpty()).isTrue();
            assertThat(d.discoveries(TransitionOutcome.STALE)).isEqualTo(1);
        }

        @Test
        @DisplayName("given a search for another incarnation of the job id, for another tag, for a job without a tag, or for no job, then nothing changes")
        void staleAndUnknownSearchesChangeNothing() {
            open("b1");
            d.discover(found("job-1", T0.minusSeconds(60), t(3), t(5), "x1"), t(5));
            d.discover(new BatchDiscovery(1, "job-1", T0, new BatchTag("run", "other"), List.of("x2"), t(3), t(5)), t(5));
            d.create("job-2", MachineDriver.spec("b1"), T0);
            d.discover(found("job-2", T0, t(3), t(5), "x3"), t(5));
            d.discover(found("job-9", T0, t(3), t(5), "x4"), t(5));

            assertThat(d.discoveries(TransitionOutcome.STALE)).isEqualTo(3);
            assertThat(d.discoveries(TransitionOutcome.UNKNOWN_JOB)).isEqualTo(1);
            assertThat(d.latestSnapshots().values()).allSatisfy(s -> assertThat(s.batches()).hasSize(1));
        }

        @Test
        @DisplayName("given a listedUpTo held, when an older one or none comes, then it never moves back")
        void listedUpToOnlyMovesForward() {
            open();
            discover(t(10), t(11));
            assertThat(search().listedUpTo()).isEqualTo(t(10));

            discover(t(5), t(12));
            discover(null, t(13));
            assertThat(d.status.isEmpty()).as("no change, no snapshot").isTrue();
            discover(t(12), t(14));
            assertThat(search().listedUpTo()).isEqualTo(t(12));
        }

        @Test
        @DisplayName("given a job of 1 batch and a limit of 4 per job, when a search finds 5, then 3 are added and 2 refused, each listed in its event")
        void theLimitPerJobRefusesTheRest() {
            open("b1");
            discover(null, t(5), "x1", "x2", "x3", "x4", "x5");

            assertThat(batchIds(snapshot())).containsExactly("b1", "x1", "x2", "x3");
            var events = d.drainEvents();
            assertThat(events).extracting(JobEvent::type).containsExactly(EventType.BATCHES_ADDED, EventType.BATCHES_REFUSED);
            assertThat(events.get(0).batchIds()).containsExactly("x1", "x2", "x3");
            assertThat(events.get(1).batchIds()).containsExactly("x4", "x5");
            assertThat(events.get(1).message()).contains("limit of 4");

            discover(null, t(6), "x6");
            assertThat(onlyEvent(EventType.BATCHES_REFUSED).batchIds()).containsExactly("x6");
            assertThat(d.discoveries(TransitionOutcome.REFUSED)).isEqualTo(1);
        }

        @Test
        @DisplayName("given a cancelled tagged job, when a search reports, then it is ignored")
        void aCancelledJobIgnoresSearches() {
            open();
            d.command(CommandType.CANCEL, "job-1", t(2));
            d.drainEvents();
            discover(t(3), t(4), "x1");
            assertThat(d.drainEvents()).isEmpty();
            assertThat(d.discoveries(TransitionOutcome.IGNORED)).isEqualTo(1);
        }
    }

    @Nested
    class Sealing {
        @Test
        @DisplayName("given an open list, when sealed by command, then it is sealing until a search covers the command's time, then sealed by the command")
        void openSealingSealedByCommand() {
            open("b1");
            seal(20);
            assertThat(eventTypes()).containsExactly(EventType.SEAL_REQUESTED);
            assertThat(search().state()).isEqualTo(SealState.SEALING);
            assertThat(search().sealRequestedAt()).isEqualTo(t(20));

            discover(t(19), t(21), "x1");
            assertThat(search().state()).as("the search did not cover the seal yet").isEqualTo(SealState.SEALING);
            assertThat(batchIds(snapshot())).containsExactly("b1", "x1");

            discover(t(20), t(22));
            assertThat(search().state()).isEqualTo(SealState.SEALED);
            assertThat(search().sealedBy()).isEqualTo(SealReason.COMMAND);
            assertThat(search().sealedAt()).isEqualTo(t(22));
            assertThat(eventTypes()).containsExactly(EventType.BATCHES_ADDED, EventType.SEALED);
        }

        @Test
        @DisplayName("given sealAt, when a search covers it before it came, then nothing; once it has passed and a search covers it, then sealed by seal_at")
        void sealedBySealAt() {
            d.create("job-1", tagged(t(30), null, null, "b1"), T0);
            discover(t(31), t(25));
            assertThat(search().state()).isEqualTo(SealState.OPEN);

            discover(t(32), t(40));
            assertThat(search().sealedBy()).isEqualTo(SealReason.SEAL_AT);
            assertThat(search().sealedAt()).isEqualTo(t(40));
        }

        @Test
        @DisplayName("given expectedBatches 3, when a search brings the job from 1 to 4, then all are added, even past 3, and the list is sealed by expected_batches")
        void sealedByExpectedBatches() {
            d.create("job-1", tagged(null, 3, null, "b1"), T0);
            discover(null, t(5), "x1", "x2", "x3");

            assertThat(batchIds(snapshot())).containsExactly("b1", "x1", "x2", "x3");
            assertThat(search().sealedBy()).isEqualTo(SealReason.EXPECTED_BATCHES);
        }

        @Test
        @DisplayName("given an unsealed tagged job, when its deadline passes, then the list is sealed by deadline, open batches time out, and it triggers")
        void sealedByDeadline() {
            d.create("job-1", tagged(null, null, t(100), "b1"), T0);
            discover(null, t(5), "x1");
            d.observe("job-1", "b1", COMPLETED, t(6));
            d.drainEvents();

            d.checkDeadlines(t(100));

            assertThat(eventTypes()).containsExactly(EventType.SEALED, EventType.TIMED_OUT, EventType.TRIGGER_REQUESTED);
            JobSnapshot s = snapshot();
            assertThat(s.batchSearch().sealedBy()).isEqualTo(SealReason.DEADLINE);
            assertThat(s.batches()).extracting(BatchSnapshot::status).containsExactly(COMPLETED, TIMED_OUT);
            assertThat(d.drainTriggers()).singleElement().satisfies(trigger -> assertThat(trigger.batches()).hasSize(2));
        }

        @Test
        @DisplayName("given every held batch terminal but the list open, then the job can still time out; its deadline seals it and it triggers with no timed_out")
        void anUnsealedJobWithAllBatchesTerminalCanTimeOut() {
            d.create("job-1", tagged(null, null, t(100), "b1"), T0);
            d.observe("job-1", "b1", COMPLETED, t(6));
            assertThat(d.drainTriggers()).isEmpty();
            assertThat(JobMachine.canTimeOut(d.stored("job-1"))).isTrue();
            d.drainEvents();

            d.checkDeadlines(t(100));

            assertThat(eventTypes()).containsExactly(EventType.SEALED, EventType.TRIGGER_REQUESTED);
            assertThat(d.drainTriggers()).hasSize(1);
            assertThat(JobMachine.canTimeOut(d.stored("job-1"))).isFalse();
        }

        @Test
        @DisplayName("given a list sealed with no batch, then the job fails naming the tag, never triggers, and cannot be retriggered")
        void sealedWithNoBatchFails() {
            open();
            seal(10);
            discover(t(10), t(11));

            JobSnapshot s = snapshot();
            assertThat(s.status()).isEqualTo(JobStatus.FAILED);
            assertThat(d.drainTriggers()).isEmpty();
            JobEvent failed = d.drainEvents().stream().filter(e -> e.type() == EventType.FAILED).findFirst().orElseThrow();
            assertThat(failed.message()).startsWith("sealed with no batch: none carries the tag run=nightly-2026-12-04");

            d.command(CommandType.RETRIGGER, "job-1", t(12));
            assertThat(onlyEvent(EventType.COMMAND_REJECTED).rejectionCode()).isEqualTo(RejectionCode.INVALID_STATE);
            assertThat(d.drainTriggers()).isEmpty();
        }

        @Test
        @DisplayName("given a sealed list, when a search finds new ids, then they are refused with one batches_refused event and the job keeps its batches")
        void aSealedListRefusesLaterBatches() {
            d.create("job-1", tagged(null, 1, null, "b1"), T0);
            d.drainEvents();

            discover(t(5), t(6), "x1", "b1", "x2");

            JobEvent refused = onlyEvent(EventType.BATCHES_REFUSED);
            assertThat(refused.batchIds()).containsExactly("x1", "x2");
            assertThat(refused.message()).contains("sealed at " + T0).contains("not added");
            assertThat(d.stored("job-1").counts().total()).isEqualTo(1);
            assertThat(d.discoveries(TransitionOutcome.REFUSED)).isEqualTo(1);
        }
    }

    @Nested
    class SealCommand {
        private RejectionCode rejection() {
            return onlyEvent(EventType.COMMAND_REJECTED).rejectionCode();
        }

        @Test
        @DisplayName("given a job without a tag, when sealed, then rejected invalid")
        void anUntaggedJobCannotBeSealed() {
            d.create("job-1", "b1");
            d.drainEvents();
            seal(1);
            assertThat(rejection()).isEqualTo(RejectionCode.INVALID);
        }

        @Test
        @DisplayName("given a sealing or a sealed list, when sealed again, then rejected invalid_state")
        void aSealingOrSealedListCannotBeSealedAgain() {
            open("b1");
            seal(1);
            d.drainEvents();
            seal(2);
            assertThat(rejection()).isEqualTo(RejectionCode.INVALID_STATE);
            discover(t(2), t(3));
            d.drainEvents();
            seal(4);
            assertThat(rejection()).isEqualTo(RejectionCode.INVALID_STATE);
        }

        @Test
        @DisplayName("given a cancelled tagged job, when sealed, then rejected invalid_state")
        void aCancelledJobCannotBeSealed() {
            open("b1");
            d.command(CommandType.CANCEL, "job-1", t(1));
            d.drainEvents();
            seal(2);
            assertThat(rejection()).isEqualTo(RejectionCode.INVALID_STATE);
        }

        @Test
        @DisplayName("given a paused tagged job, when sealed and the search covers it, then sealed but waiting; resume triggers")
        void aPausedJobSealsAndWaits() {
            d.create("job-1", tagged(TriggerPolicy.ALWAYS, null, null, null, true, "b1"), T0);
            d.observe("job-1", "b1", COMPLETED, t(1));
            seal(2);
            discover(t(2), t(3));
            assertThat(search().state()).isEqualTo(SealState.SEALED);
            assertThat(d.drainTriggers()).isEmpty();

            d.command(CommandType.RESUME, "job-1", t(4));
            assertThat(d.drainTriggers()).hasSize(1);
        }
    }

    @Test
    @DisplayName("given every held batch terminal but the list not sealed, then no trigger; when it seals, then exactly one trigger with every held batch, and a later batch is refused")
    void triggersOnceOnlyAfterTheSeal() {
        open("b1");
        discover(null, t(2), "x1");
        d.observe("job-1", "b1", COMPLETED, t(3));
        d.observe("job-1", "x1", FAILED, t(4));
        assertThat(d.drainTriggers()).as("not sealed: no trigger").isEmpty();
        assertThat(snapshot().status()).isEqualTo(JobStatus.ACTIVE);

        seal(5);
        assertThat(d.drainTriggers()).as("sealing: no trigger yet").isEmpty();
        discover(t(5), t(6));
        List<TriggerCommand> triggers = d.drainTriggers();
        assertThat(triggers).singleElement().satisfies(trigger -> assertThat(trigger.batches())
                .extracting(b -> b.batchId()).containsExactly("b1", "x1"));

        discover(t(7), t(8), "x2");
        discover(t(7), t(9), "x2");
        assertThat(d.drainTriggers()).isEmpty();
        assertThat(snapshot().status()).isEqualTo(JobStatus.TRIGGERING);
        assertThat(d.stored("job-1").counts().total()).isEqualTo(2);
    }
}
