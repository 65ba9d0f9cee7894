package dev.tecko.processor.machine;

import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.InvalidContractException;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The job state machine of DESIGN.md as pure functions: (state, input, time) in, {@link Transition} out. No Kafka here,
 * so every rule is testable on its own and the processor only stores and forwards what comes back.
 */
public final class JobMachine {
    private static final Set<JobStatus> CANCELLABLE = EnumSet.of(JobStatus.ACTIVE, JobStatus.PAUSED, JobStatus.FAILED,
            JobStatus.TRIGGER_FAILED);
    private static final Set<JobStatus> RETRIGGERABLE = EnumSet.of(JobStatus.TRIGGER_FAILED, JobStatus.COMPLETED,
            JobStatus.COMPLETED_WITH_FAILURES, JobStatus.FAILED);

    private final int maxBatchesPerJob;

    public JobMachine(int maxBatchesPerJob) {
        this.maxBatchesPerJob = Check.range(maxBatchesPerJob, "maxBatchesPerJob", 1, JobSpec.MAX_BATCHES);
    }

    // ---------------------------------------------------------------- commands

    /**
     * Applies a valid command to the job: {@code stored} is what the store holds for its id, null when nothing, or a
     * deleted job's {@linkplain JobState#retired marker}, which only {@code create} looks at.
     */
    public Transition onCommand(JobState stored, JobCommand command, Instant now) {
        JobState current = live(stored);
        if (command.type() == CommandType.CREATE) {
            return current != null ? reject(current, command.jobId(), command.commandId(),
                    "job " + command.jobId() + " already exists", now) : create(stored, command, now);
        }
        if (current == null) {
            return reject(null, command.jobId(), command.commandId(), "job " + command.jobId() + " does not exist", now);
        }
        return switch (command.type()) {
            case UPDATE -> update(current, command, now);
            case PAUSE -> pause(current, command, now);
            case RESUME -> resume(current, command, now);
            case CANCEL -> cancel(current, command, now);
            case RETRIGGER -> retrigger(current, command, now);
            case DELETE -> delete(current, command, now);
            case CREATE -> throw new IllegalStateException("handled above");
        };
    }

    /** A {@code command_rejected} event for the job; the job itself does not change. */
    public Transition reject(JobState current, String jobId, String commandId, String reason, Instant now) {
        var changes = new Changes(current, now);
        changes.event(jobId, EventType.COMMAND_REJECTED, b -> b.commandId(commandId).message(reason));
        return changes.done(Transition.REJECTED, false);
    }

    /** A job stored as nothing or as a deleted job's marker is no job. */
    public static JobState live(JobState stored) {
        return stored == null || stored.isRetired() ? null : stored;
    }

    private Transition create(JobState retired, JobCommand command, Instant now) {
        JobSpec spec = command.spec();
        if (spec.batchIds().size() > maxBatchesPerJob) {
            return reject(null, command.jobId(), command.commandId(), "spec.batchIds: " + spec.batchIds().size()
                    + " batches exceed the limit of " + maxBatchesPerJob + " per job", now);
        }
        List<BatchSnapshot> batches = spec.batchIds().stream().map(BatchSnapshot::pending).toList();
        int generation = retired == null ? 1 : retired.generation() + 1;
        long lastSequence = retired == null ? 0 : retired.lastSequence();
        var created = new JobState(command.jobId(), spec.name(), spec.paused() ? JobStatus.PAUSED : JobStatus.ACTIVE,
                generation, batches, spec.openaiSecret(), spec.target(), spec.pollIntervalSeconds(), spec.minPollIntervalSeconds(),
                spec.maxPollIntervalSeconds(), spec.triggerPolicy(), spec.deadline(), null, now, now, null, 0, lastSequence);
        var changes = new Changes(created, now);
        changes.event(EventType.CREATED, b -> b.commandId(command.commandId()));
        return changes.done(Transition.APPLIED, true);
    }

    private Transition update(JobState current, JobCommand command, Instant now) {
        if (current.status() == JobStatus.CANCELLED) {
            return rejectInStatus(current, command, now);
        }
        JobPatch patch = command.patch();
        String name = patch.name() != null ? patch.name() : current.name();
        String secret = patch.openaiSecret() != null ? patch.openaiSecret() : current.openaiSecret();
        var target = patch.target() != null ? patch.target() : current.target();
        int poll = patch.pollIntervalSeconds() != null ? patch.pollIntervalSeconds() : current.pollIntervalSeconds();
        Integer minPoll = patch.minPollIntervalSeconds() != null ? patch.minPollIntervalSeconds() : current.minPollIntervalSeconds();
        Integer maxPoll = patch.maxPollIntervalSeconds() != null ? patch.maxPollIntervalSeconds() : current.maxPollIntervalSeconds();
        var policy = patch.triggerPolicy() != null ? patch.triggerPolicy() : current.triggerPolicy();
        Instant deadline = Boolean.TRUE.equals(patch.clearDeadline()) ? null
                : patch.deadline() != null ? patch.deadline() : current.deadline();
        try {
            // the merged settings must hold together (min <= poll <= max) exactly as a create would demand
            new JobSpec(name, current.batches().stream().map(BatchSnapshot::batchId).toList(), secret, target, poll, minPoll,
                    maxPoll, policy, deadline, null);
        } catch (InvalidContractException e) {
            return reject(current, current.jobId(), command.commandId(), e.getMessage(), now);
        }
        var changes = new Changes(current.withSettings(name, secret, target, poll, minPoll, maxPoll, policy, deadline), now);
        changes.event(EventType.UPDATED, b -> b.commandId(command.commandId()));
        return changes.done(Transition.APPLIED, true);
    }

    private Transition pause(JobState current, JobCommand command, Instant now) {
        if (current.status() != JobStatus.ACTIVE) {
            return rejectInStatus(current, command, now);
        }
        var changes = new Changes(current.withStatus(JobStatus.PAUSED), now);
        changes.event(EventType.PAUSED, b -> b.commandId(command.commandId()));
        return changes.done(Transition.APPLIED, true);
    }

    private Transition resume(JobState current, JobCommand command, Instant now) {
        if (current.status() != JobStatus.PAUSED) {
            return rejectInStatus(current, command, now);
        }
        var changes = new Changes(current.withStatus(JobStatus.ACTIVE), now);
        changes.event(EventType.RESUMED, b -> b.commandId(command.commandId()));
        evaluate(changes);
        return changes.done(Transition.APPLIED, true);
    }

    private Transition cancel(JobState current, JobCommand command, Instant now) {
        if (!CANCELLABLE.contains(current.status())) {
            return rejectInStatus(current, command, now);
        }
        var changes = new Changes(current.withStatus(JobStatus.CANCELLED).withFinishedAt(now), now);
        changes.event(EventType.CANCELLED, b -> b.commandId(command.commandId()).message(command.reason()));
        return changes.done(Transition.APPLIED, true);
    }

    /** Opens the next generation; triggers right away when every batch is terminal, whatever the policy said before. */
    private Transition retrigger(JobState current, JobCommand command, Instant now) {
        if (!RETRIGGERABLE.contains(current.status())) {
            return rejectInStatus(current, command, now);
        }
        var next = current.withGeneration(current.generation() + 1).withStatus(JobStatus.ACTIVE).withFinishedAt(null);
        var changes = new Changes(next, now);
        changes.event(EventType.RETRIGGERED, b -> b.commandId(command.commandId()).message(command.reason()));
        if (next.counts().allTerminal()) {
            openTrigger(changes);
        }
        return changes.done(Transition.APPLIED, true);
    }

    private Transition delete(JobState current, JobCommand command, Instant now) {
        var changes = new Changes(current, now);
        changes.event(EventType.DELETED, b -> b.commandId(command.commandId()).status(null));
        return changes.deleted();
    }

    private Transition rejectInStatus(JobState current, JobCommand command, Instant now) {
        return reject(current, current.jobId(), command.commandId(),
                "cannot " + command.type().name().toLowerCase(java.util.Locale.ROOT) + " a job that is " + current.status().wire(), now);
    }

    // ---------------------------------------------------------------- observations

    /** Applies a batch observation if it is newer than what the job holds for that batch. */
    public Transition onObservation(JobState stored, BatchObservation observation, Instant now) {
        JobState current = live(stored);
        if (current == null) {
            return Transition.nothing(null, Transition.UNKNOWN_JOB);
        }
        int index = current.indexOf(observation.batchId());
        if (index < 0) {
            return Transition.nothing(current, Transition.UNKNOWN_BATCH);
        }
        if (current.status() == JobStatus.CANCELLED) {
            return Transition.nothing(current, Transition.IGNORED);
        }
        BatchSnapshot held = current.batches().get(index);
        if (held.status().isTerminal()
                || (held.observedAt() != null && !observation.observedAt().isAfter(held.observedAt()))) {
            return Transition.nothing(current, Transition.STALE);
        }
        var seen = new BatchSnapshot(observation.batchId(), observation.status(), observation.requestCounts(),
                observation.outputFileId(), observation.errorFileId(), observation.errors(), observation.observedAt(),
                observation.pollError());
        if (sameContent(held, seen)) {
            // newer but saying nothing new: the poller publishes on change only, so this is a re-delivery
            return Transition.nothing(current, Transition.STALE);
        }
        var batches = new ArrayList<>(current.batches());
        batches.set(index, seen);
        var changes = new Changes(current.withBatches(batches), now);
        changes.event(EventType.BATCH_CHANGED, b -> b.batch(seen.batchId(), seen.status(), held.status()));
        if (current.status() == JobStatus.ACTIVE) {
            evaluate(changes);
        }
        return changes.done(Transition.APPLIED, true);
    }

    private static boolean sameContent(BatchSnapshot a, BatchSnapshot b) {
        return a.status() == b.status() && a.requestCounts().equals(b.requestCounts())
                && Objects.equals(a.outputFileId(), b.outputFileId()) && Objects.equals(a.errorFileId(), b.errorFileId())
                && a.errors().equals(b.errors()) && Objects.equals(a.pollError(), b.pollError());
    }

    // ---------------------------------------------------------------- deadline

    /** Whether the deadline check has something to do for this job at {@code now}. */
    public static boolean deadlinePassed(JobState job, Instant now) {
        return canTimeOut(job) && !job.deadline().isAfter(now);
    }

    /**
     * Whether the job's deadline can still change it: it has one, is watched (active or paused) and has open batches.
     * Once this is false it stays false until a transition makes it true again, so the deadline index holds exactly
     * the jobs for which it is true.
     */
    public static boolean canTimeOut(JobState job) {
        return job != null && !job.isRetired() && job.deadline() != null && job.status().isWatching()
                && !job.counts().allTerminal();
    }

    /** The job's deadline passed: every open batch becomes {@code timed_out} (a failure), then the policy decides. */
    public Transition onDeadline(JobState stored, Instant now) {
        JobState current = live(stored);
        if (current == null || !deadlinePassed(current, now)) {
            return Transition.nothing(current, Transition.IGNORED);
        }
        var batches = new ArrayList<BatchSnapshot>();
        int timedOut = 0;
        for (BatchSnapshot b : current.batches()) {
            if (b.status().isTerminal()) {
                batches.add(b);
            } else {
                timedOut++;
                batches.add(new BatchSnapshot(b.batchId(), BatchStatus.TIMED_OUT, b.requestCounts(), b.outputFileId(),
                        b.errorFileId(), b.errors(), now, b.pollError()));
            }
        }
        var changes = new Changes(current.withBatches(batches), now);
        String message = "deadline " + current.deadline() + " passed; " + timedOut + " open batch(es) timed out";
        changes.event(EventType.TIMED_OUT, b -> b.message(message));
        if (current.status() == JobStatus.ACTIVE) {
            evaluate(changes);
        }
        return changes.done(Transition.APPLIED, true);
    }

    // ---------------------------------------------------------------- trigger results

    /** Closes the current trigger; results for another generation or trigger id change nothing. */
    public Transition onTriggerResult(JobState stored, TriggerResult result, Instant now) {
        JobState current = live(stored);
        if (current == null) {
            return Transition.nothing(null, Transition.UNKNOWN_JOB);
        }
        TriggerSummary open = current.lastTrigger();
        if (current.status() != JobStatus.TRIGGERING || open == null || result.generation() != current.generation()
                || !open.triggerId().equals(result.triggerId())) {
            return Transition.nothing(current, Transition.STALE);
        }
        var summary = new TriggerSummary(open.triggerId(), open.generation(), open.requestedAt(), result.outcome(),
                result.keboolaJobId(), result.keboolaJobUrl(), result.error(), result.completedAt());
        JobStatus status = !result.ok() ? JobStatus.TRIGGER_FAILED
                : current.counts().failed() == 0 ? JobStatus.COMPLETED : JobStatus.COMPLETED_WITH_FAILURES;
        var changes = new Changes(current.withLastTrigger(summary).withStatus(status).withFinishedAt(now), now);
        EventType type = result.ok() ? EventType.TRIGGERED : EventType.TRIGGER_FAILED;
        String message = result.ok() ? keboolaJob(result) : result.error();
        changes.event(type, b -> b.triggerId(open.triggerId()).message(message));
        return changes.done(Transition.APPLIED, true);
    }

    private static String keboolaJob(TriggerResult result) {
        return result.keboolaJobId() == null ? null : "downstream job " + result.keboolaJobId();
    }

    // ---------------------------------------------------------------- the decision

    /** An active job whose batches are all terminal: trigger, or fail when the policy refuses. */
    private static void evaluate(Changes changes) {
        JobState job = changes.state;
        var counts = job.counts();
        if (job.status() != JobStatus.ACTIVE || !counts.allTerminal()) {
            return;
        }
        if (job.triggerPolicy().allowsTrigger(counts.completed(), counts.total())) {
            openTrigger(changes);
        } else {
            changes.state = job.withStatus(JobStatus.FAILED).withFinishedAt(changes.now);
            String message = "trigger policy " + job.triggerPolicy().type().name().toLowerCase(java.util.Locale.ROOT)
                    + " not met: " + counts.completed() + " of " + counts.total() + " batches completed";
            changes.event(EventType.FAILED, b -> b.message(message));
        }
    }

    private static void openTrigger(Changes changes) {
        JobState job = changes.state;
        var outcomes = job.batches().stream().map(BatchOutcome::of).toList();
        var trigger = TriggerCommand.of(job.jobId(), job.name(), job.generation(), job.target(), outcomes, changes.now);
        changes.state = job.withStatus(JobStatus.TRIGGERING)
                .withLastTrigger(new TriggerSummary(trigger.triggerId(), job.generation(), changes.now, null, null, null, null, null));
        changes.trigger = trigger;
        changes.event(EventType.TRIGGER_REQUESTED, b -> b.triggerId(trigger.triggerId()));
    }

    /** Collects one transition's events, numbering them after the job's last sequence. */
    private static final class Changes {
        private JobState state;
        private final Instant now;
        private final List<JobEvent> events = new ArrayList<>();
        private TriggerCommand trigger;
        private long sequence;

        Changes(JobState state, Instant now) {
            this.state = state;
            this.now = now;
            this.sequence = state == null ? 0 : state.lastSequence();
        }

        void event(EventType type, java.util.function.Consumer<EventDraft> details) {
            event(state.jobId(), type, details);
        }

        /** Each event names the job's status right after its own step (batch_changed: active; trigger_requested: triggering). */
        void event(String jobId, EventType type, java.util.function.Consumer<EventDraft> details) {
            var draft = new EventDraft(state == null ? null : state.status());
            details.accept(draft);
            // a job that does not exist has no sequence to continue: its rejections carry sequence 0
            long seq = state == null ? 0 : ++sequence;
            events.add(new JobEvent(Check.CURRENT_SCHEMA_VERSION, jobId, seq, type, now, draft.status,
                    state == null ? 0 : state.generation(), draft.batchId, draft.batchStatus, draft.previousBatchStatus,
                    draft.triggerId, draft.commandId, draft.message));
        }

        Transition done(String outcome, boolean publish) {
            if (state == null) {
                return new Transition(null, false, false, events, Optional.empty(), outcome);
            }
            JobState next = state.withLastSequence(sequence);
            if (publish) {
                next = next.published(now);
            }
            return new Transition(next, true, publish, events, Optional.ofNullable(trigger), outcome);
        }

        /** The job is gone: its marker is stored in its place, and its snapshot is replaced by a tombstone. */
        Transition deleted() {
            return new Transition(JobState.retired(state.jobId(), state.generation(), sequence), true, true, events,
                    Optional.empty(), Transition.APPLIED);
        }
    }

    /** The optional parts of one event. */
    private static final class EventDraft {
        private JobStatus status;
        private String batchId;
        private BatchStatus batchStatus;
        private BatchStatus previousBatchStatus;
        private String triggerId;
        private String commandId;
        private String message;

        EventDraft(JobStatus status) {
            this.status = status;
        }

        EventDraft status(JobStatus value) {
            status = value;
            return this;
        }

        EventDraft batch(String id, BatchStatus now, BatchStatus before) {
            batchId = id;
            batchStatus = now;
            previousBatchStatus = before;
            return this;
        }

        EventDraft triggerId(String value) {
            triggerId = value;
            return this;
        }

        EventDraft commandId(String value) {
            commandId = value;
            return this;
        }

        EventDraft message(String value) {
            message = value;
            return this;
        }
    }
}
