package dev.tecko.processor.machine;

import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.InvalidContractException;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The job state machine of docs/design.md as pure functions: (state, input, time) in, {@link Transition} out. No Kafka here,
 * so every rule is testable on its own and the processor only stores and forwards what comes back. The state is the
 * job's header and its batches ({@link JobBatches}), which the machine reads only as far as the input needs: one batch
 * for an observation; all of them only to open a trigger, time the job out or update it.
 */
public final class JobMachine {
    /**
     * {@code triggering} too: a trigger that never gets a result must not hold a job for good. A trigger already handed to
     * the dispatcher may still be delivered; its late result is then ignored.
     */
    private static final Set<JobStatus> CANCELLABLE = EnumSet.of(JobStatus.ACTIVE, JobStatus.PAUSED, JobStatus.FAILED,
            JobStatus.TRIGGER_FAILED, JobStatus.TRIGGERING);
    /** How long a trigger waits for its result before an operator may retrigger the job (a new generation). */
    public static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofMinutes(30);
    private static final Set<JobStatus> RETRIGGERABLE = EnumSet.of(JobStatus.TRIGGER_FAILED, JobStatus.COMPLETED,
            JobStatus.COMPLETED_WITH_FAILURES, JobStatus.FAILED);

    private final int maxBatchesPerJob;
    private final Duration resultTimeout;
    private final TargetAllowList targets;

    /** Defaults for benchmarks: the built-in allow-list, no loopback. */
    public JobMachine(int maxBatchesPerJob) {
        this(maxBatchesPerJob, DEFAULT_RESULT_TIMEOUT, new TargetAllowList(List.of(), false));
    }

    public JobMachine(int maxBatchesPerJob, Duration resultTimeout, TargetAllowList targets) {
        this.maxBatchesPerJob = Check.range(maxBatchesPerJob, "maxBatchesPerJob", 1, JobSpec.MAX_BATCHES);
        this.resultTimeout = resultTimeout;
        this.targets = targets;
    }

    // ---------------------------------------------------------------- commands

    /**
     * Applies a valid command to the job: {@code stored} is what the store holds for its id, null when nothing, or a
     * deleted job's {@linkplain JobState#retired marker}, which only {@code create} looks at.
     */
    public Transition onCommand(JobState stored, JobBatches batches, JobCommand command, Instant now) {
        return onCommand(stored, batches, command, now, SecretTypes.UNKNOWN);
    }

    /** @param secrets the types of the secrets known so far: a create or update naming one of the wrong type is rejected */
    public Transition onCommand(JobState stored, JobBatches batches, JobCommand command, Instant now, SecretTypes secrets) {
        JobState current = live(stored);
        if (command.type() == CommandType.CREATE) {
            return current != null ? reject(current, command.jobId(), command.commandId(), RejectionCode.ALREADY_EXISTS,
                    "job " + command.jobId() + " already exists", now) : create(stored, command, now, secrets);
        }
        if (current == null) {
            return reject(null, command.jobId(), command.commandId(), RejectionCode.NOT_FOUND,
                    "job " + command.jobId() + " does not exist", now);
        }
        return switch (command.type()) {
            case UPDATE -> update(current, batches, command, now, secrets);
            case PAUSE -> pause(current, command, now);
            case RESUME -> resume(current, batches, command, now);
            case CANCEL -> cancel(current, command, now);
            case RETRIGGER -> retrigger(current, batches, command, now);
            case DELETE -> delete(current, command, now);
            case SEAL -> BatchSearchRules.seal(current, batches, command, now);
            case CREATE -> throw new IllegalStateException("handled above");
        };
    }

    /** A {@code command_rejected} event for the job, with its code and reason; the job itself does not change. */
    public static Transition reject(JobState current, String jobId, String commandId, RejectionCode code, String reason, Instant now) {
        var changes = new Changes(current, now);
        changes.event(jobId, EventType.COMMAND_REJECTED, b -> b.commandId(commandId).rejected(code, reason));
        return changes.done(TransitionOutcome.REJECTED, false);
    }

    /** A job stored as nothing or as a deleted job's marker is no job. */
    public static JobState live(JobState stored) {
        return stored == null || stored.isRetired() ? null : stored;
    }

    private Transition create(JobState retired, JobCommand command, Instant now, SecretTypes secrets) {
        JobSpec spec = command.spec();
        if (spec.batchIds().size() > maxBatchesPerJob) {
            return reject(null, command.jobId(), command.commandId(), RejectionCode.INVALID, "spec.batchIds: " + spec.batchIds().size()
                    + " batches exceed the limit of " + maxBatchesPerJob + " per job", now);
        }
        if (spec.expectedBatches() != null && spec.expectedBatches() > maxBatchesPerJob) {
            // such a list could never seal by its count
            return reject(null, command.jobId(), command.commandId(), RejectionCode.INVALID, "spec.expectedBatches: "
                    + spec.expectedBatches() + " exceeds the limit of " + maxBatchesPerJob + " batches per job", now);
        }
        Optional<String> refused = refuseTarget(spec.target()).or(() -> secrets.refuse(spec.openaiSecret(), spec.target()))
                .or(() -> BatchSearchRules.refuseTag(spec, secrets).map(why -> "spec.batchTag: " + why));
        if (refused.isPresent()) {
            return reject(null, command.jobId(), command.commandId(), RejectionCode.INVALID, refused.get(), now);
        }
        int n = spec.batchIds().size();
        int generation = retired == null ? 1 : retired.generation() + 1;
        long lastSequence = retired == null ? 0 : retired.lastSequence();
        var created = new JobState(command.jobId(), spec.name(), spec.paused() ? JobStatus.PAUSED : JobStatus.ACTIVE,
                generation, new BatchCounts(n, 0, 0, n), 0, spec.openaiSecret(), spec.target(), spec.pollIntervalSeconds(),
                spec.minPollIntervalSeconds(), spec.maxPollIntervalSeconds(), spec.triggerPolicy(), spec.deadline(), null, now, now,
                null, 0, lastSequence, spec.variables(), 0, null, spec.retriesDownstream(), 0, spec.batchSearch(now));
        var changes = new Changes(created, now);
        for (int i = 0; i < n; i++) {
            changes.write(new BatchRow(i, BatchSnapshot.pending(spec.batchIds().get(i))));
        }
        changes.event(EventType.CREATED, b -> b.commandId(command.commandId()));
        BatchSearchRules.sealIfDue(changes); // the named ids may already reach expectedBatches
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    /** The API's allow-list, enforced where the command is applied: {@code job-commands} is open to any client. */
    private Optional<String> refuseTarget(TriggerTarget target) {
        boolean keboola = target.type() == TargetType.KEBOOLA;
        return targets.refuseTarget(keboola ? target.stackUrl() : target.url())
                .map(why -> (keboola ? "target.stackUrl " : "target.url ") + why);
    }

    private Transition update(JobState current, JobBatches batches, JobCommand command, Instant now, SecretTypes secrets) {
        if (current.status() == JobStatus.CANCELLED) {
            return rejectInStatus(current, command, now);
        }
        JobPatch patch = command.patch();
        Optional<String> refused = (patch.target() == null ? Optional.<String>empty() : refuseTarget(patch.target()))
                // what the update names, checked with the job's other secret for a new target (its type must fit the target)
                .or(() -> secrets.refuse(patch.openaiSecret(), patch.target()));
        if (refused.isPresent()) {
            return reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID, refused.get(), now);
        }
        JobSpec merged;
        try {
            merged = patch.applyTo(current.settings(batches.all().stream().map(BatchRow::batchId).toList()));
        } catch (InvalidContractException e) {
            return reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID, e.getMessage(), now);
        }
        // a tagged job cannot move to a provider whose batches carry no metadata to find them by
        Optional<String> untaggable = BatchSearchRules.refuseTag(merged, secrets).map(why -> "patch.openaiSecret: " + why);
        if (untaggable.isPresent()) {
            return reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID, untaggable.get(), now);
        }
        var changes = new Changes(current.withSettings(merged), now);
        changes.event(EventType.UPDATED, b -> b.commandId(command.commandId()));
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    private Transition pause(JobState current, JobCommand command, Instant now) {
        if (current.status() != JobStatus.ACTIVE) {
            return rejectInStatus(current, command, now);
        }
        var changes = new Changes(current.withStatus(JobStatus.PAUSED), now);
        changes.event(EventType.PAUSED, b -> b.commandId(command.commandId()));
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    private Transition resume(JobState current, JobBatches batches, JobCommand command, Instant now) {
        if (current.status() != JobStatus.PAUSED) {
            return rejectInStatus(current, command, now);
        }
        var changes = new Changes(current.withStatus(JobStatus.ACTIVE), batches, now);
        changes.event(EventType.RESUMED, b -> b.commandId(command.commandId()));
        evaluate(changes);
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    private Transition cancel(JobState current, JobCommand command, Instant now) {
        if (!CANCELLABLE.contains(current.status())) {
            return rejectInStatus(current, command, now);
        }
        JobState cancelled = current.withStatus(JobStatus.CANCELLED).withFinishedAt(now);
        if (cancelled.lastTrigger() != null && cancelled.lastTrigger().delivery() != null) {
            // a cancelled trigger's retries are no one's concern any more: not shown as if the job still waited on them
            cancelled = cancelled.withLastTrigger(cancelled.lastTrigger().withDelivery(null));
        }
        var changes = new Changes(cancelled, now);
        changes.event(EventType.CANCELLED, b -> b.commandId(command.commandId()).message(command.reason()));
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    /** Opens the next generation; triggers right away when every batch is terminal, whatever the policy said before. */
    private Transition retrigger(JobState current, JobBatches batches, JobCommand command, Instant now) {
        if (!RETRIGGERABLE.contains(current.status()) && !waitedTooLongForResult(current, now)) {
            return current.status() == JobStatus.TRIGGERING
                    ? reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID_STATE, "cannot retrigger a job that is triggering until its trigger "
                    + "has waited " + resultTimeout.toMinutes() + " min for a result (since " + current.lastTrigger().requestedAt() + ")", now)
                    : rejectInStatus(current, command, now);
        }
        if (current.counts().total() == 0) {
            // a tagged job sealed with no batch failed: there is nothing to trigger with, in any generation
            return reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID_STATE,
                    "cannot retrigger a job that holds no batch", now);
        }
        // an operator's retrigger starts afresh: the automatic retries after a Keboola job in error count from 0 again
        var next = current.withGeneration(current.generation() + 1).withStatus(JobStatus.ACTIVE).withFinishedAt(null)
                .withDownstream(null).withDownstreamRetriesUsed(0);
        var changes = new Changes(next, batches, now);
        changes.event(EventType.RETRIGGERED, b -> b.commandId(command.commandId()).message(command.reason()));
        if (next.counts().allTerminal()) {
            openTrigger(changes);
        }
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    private boolean waitedTooLongForResult(JobState current, Instant now) {
        return current.status() == JobStatus.TRIGGERING && current.lastTrigger() != null
                && !now.isBefore(current.lastTrigger().requestedAt().plus(resultTimeout));
    }

    private Transition delete(JobState current, JobCommand command, Instant now) {
        var changes = new Changes(current, now);
        changes.event(EventType.DELETED, b -> b.commandId(command.commandId()).status(null));
        return changes.deleted();
    }

    static Transition rejectInStatus(JobState current, JobCommand command, Instant now) {
        return reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID_STATE,
                "cannot " + command.type().name().toLowerCase(java.util.Locale.ROOT) + " a job that is " + current.status().wire(), now);
    }

    // ---------------------------------------------------------------- observations

    /** Applies a batch observation if it is later than what the job holds for that batch ({@link ObservationOrder}). */
    public Transition onObservation(JobState stored, JobBatches batches, BatchObservation observation, Instant now) {
        JobState current = live(stored);
        if (current == null) {
            return Transition.nothing(null, TransitionOutcome.UNKNOWN_JOB);
        }
        BatchRow row = batches.get(observation.batchId());
        if (row == null) {
            return Transition.nothing(current, TransitionOutcome.UNKNOWN_BATCH);
        }
        if (current.status() == JobStatus.CANCELLED) {
            return Transition.nothing(current, TransitionOutcome.IGNORED);
        }
        BatchSnapshot held = row.batch();
        if (!ObservationOrder.isLater(observation, held)) {
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        int keptElsewhere = current.errorsKept() - held.errors().size();
        var seen = new BatchSnapshot(observation.batchId(), observation.status(), observation.requestCounts(),
                observation.outputFileId(), observation.errorFileId(),
                JobErrorBudget.kept(observation.errors(), keptElsewhere), observation.observedAt(),
                JobErrorBudget.kept(observation.pollError()), observation.usage(), observation.model(), null,
                // a poll error says nothing of the provider: what was known of it stays
                observation.provider() != null ? observation.provider() : held.provider(),
                observation.provider() != null ? observation.providerStatus() : held.providerStatus());
        if (sameContent(held, seen)) {
            // newer but saying nothing new: the poller publishes on change only, so this is a re-delivery
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        var changes = new Changes(current.withBatchTotals(BatchTally.moved(current.counts(), held.status(), seen.status()),
                keptElsewhere + seen.errors().size(), BatchTally.allFailedMoved(current.allFailedBatches(), held, seen)), batches, now);
        changes.write(row.with(seen));
        changes.event(EventType.BATCH_CHANGED, b -> b.batch(seen, held.status()));
        evaluate(changes);
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    private static boolean sameContent(BatchSnapshot a, BatchSnapshot b) {
        return a.status() == b.status() && a.requestCounts().equals(b.requestCounts())
                && Objects.equals(a.outputFileId(), b.outputFileId()) && Objects.equals(a.errorFileId(), b.errorFileId())
                && a.errors().equals(b.errors()) && Objects.equals(a.pollError(), b.pollError())
                && Objects.equals(a.usage(), b.usage()) && Objects.equals(a.model(), b.model())
                && a.provider() == b.provider() && Objects.equals(a.providerStatus(), b.providerStatus());
    }

    // ---------------------------------------------------------------- deadline

    /** Whether the deadline check has something to do for this job at {@code now}. */
    public static boolean deadlinePassed(JobState job, Instant now) {
        return canTimeOut(job) && !job.deadline().isAfter(now);
    }

    /**
     * Whether the job's deadline can still change it: it has one, is watched (active or paused) and has open batches or
     * an unsealed batch list (the deadline seals it).
     * Once this is false it stays false until a transition makes it true again, so the deadline index holds exactly
     * the jobs for which it is true.
     */
    public static boolean canTimeOut(JobState job) {
        return job != null && !job.isRetired() && job.deadline() != null && job.status().isWatching()
                && (!job.counts().allTerminal() || !job.batchListFinal());
    }

    /** The job's deadline passed ({@link DeadlineRules}). */
    public Transition onDeadline(JobState stored, JobBatches batches, Instant now) {
        JobState current = live(stored);
        return current == null || !deadlinePassed(current, now) ? Transition.nothing(current, TransitionOutcome.IGNORED)
                : DeadlineRules.apply(current, batches, now);
    }

    // ---------------------------------------------------------------- trigger results

    /** Closes the current trigger; results for another generation or trigger id change nothing. */
    public Transition onTriggerResult(JobState stored, TriggerResult result, Instant now) {
        JobState current = live(stored);
        if (current == null) {
            return Transition.nothing(null, TransitionOutcome.UNKNOWN_JOB);
        }
        TriggerSummary open = current.lastTrigger();
        if (current.status() != JobStatus.TRIGGERING || open == null || result.generation() != current.generation()
                || !open.triggerId().equals(result.triggerId())) {
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        var summary = new TriggerSummary(open.triggerId(), open.generation(), open.requestedAt(), result.outcome(),
                result.keboolaJobId(), result.keboolaJobUrl(), result.error(), result.completedAt());
        // a batch completed with every request failed is a failure here too: all_completed never calls it a success
        JobStatus status = !result.ok() ? JobStatus.TRIGGER_FAILED
                : current.counts().failed() == 0 && current.allFailedBatches() == 0 ? JobStatus.COMPLETED
                : JobStatus.COMPLETED_WITH_FAILURES;
        var changes = new Changes(current.withLastTrigger(summary).withStatus(status).withFinishedAt(now), now);
        EventType type = result.ok() ? EventType.TRIGGERED : EventType.TRIGGER_FAILED;
        String message = result.ok() ? keboolaJob(result) : result.error();
        changes.event(type, b -> b.triggerId(open.triggerId()).message(message));
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    /** Adds the batches a tagged job's search found, or refuses them once its list is sealed ({@link BatchSearchRules}). */
    public Transition onDiscovery(JobState stored, JobBatches batches, BatchDiscovery discovery, Instant now) {
        return BatchSearchRules.onDiscovery(live(stored), batches, discovery, now, maxBatchesPerJob);
    }

    /** Keeps how the open trigger's delivery is going ({@link DeliveryRules}). */
    public Transition onDeliveryProgress(JobState stored, DeliveryProgress progress, Instant now) {
        return DeliveryRules.apply(live(stored), progress, now);
    }

    // ---------------------------------------------------------------- the Keboola job, followed

    /** Records what the dispatcher saw of the Keboola job the current trigger created ({@link DownstreamRules}). */
    public Transition onDownstream(JobState stored, JobBatches batches, DownstreamObservation observation, Instant now) {
        return DownstreamRules.apply(live(stored), batches, observation, now);
    }

    private static String keboolaJob(TriggerResult result) {
        return result.keboolaJobId() == null ? null : "downstream job " + result.keboolaJobId();
    }

    // ---------------------------------------------------------------- the decision

    /**
     * An active job whose batches are all terminal and whose batch list is final (named, or sealed): trigger, or fail when
     * the policy refuses or a sealed list holds no batch. A batch {@code completed} with every request failed counts as
     * failed ({@link JobState#succeededBatches()}); the request counts of all batches are read only when the policy bounds
     * the failed requests, and then once, as the job ends.
     */
    static void evaluate(Changes changes) {
        JobState job = changes.state;
        var counts = job.counts();
        if (job.status() != JobStatus.ACTIVE || !counts.allTerminal() || !job.batchListFinal()) {
            return;
        }
        TriggerPolicy policy = job.triggerPolicy();
        RequestCounts requests = policy.maxFailedRequestRatio() == null || counts.total() == 0 ? RequestCounts.NONE
                : changes.allBatches().stream().map(row -> row.batch().requestCounts()).reduce(RequestCounts.NONE, RequestCounts::plus);
        Optional<String> refusal = counts.total() == 0 ? Optional.of(BatchSearchRules.noBatch(job))
                : policy.refusal(job.succeededBatches(), counts.total(), requests);
        if (refusal.isEmpty()) {
            openTrigger(changes);
        } else {
            changes.state = job.withStatus(JobStatus.FAILED).withFinishedAt(changes.now);
            changes.event(EventType.FAILED, b -> b.message(refusal.get()));
        }
    }

    /** Emits the trigger of the job's current generation; its Keboola job is yet to be reported. */
    static void openTrigger(Changes changes) {
        JobState job = changes.state;
        var outcomes = changes.allBatches().stream().map(row -> BatchOutcome.of(row.batch())).toList();
        // the job's creation time tells this job's triggers from those of an earlier job of the same id (deleted, or lost
        // with a reset of this state), whose generations counted from 1 too
        var trigger = TriggerCommand.of(job.jobId(), job.name(), job.generation(), job.target(), outcomes, changes.now,
                job.createdAt(), job.variables());
        changes.state = job.withStatus(JobStatus.TRIGGERING).withDownstream(null)
                .withLastTrigger(new TriggerSummary(trigger.triggerId(), job.generation(), changes.now, null, null, null, null, null));
        changes.trigger = trigger;
        changes.event(EventType.TRIGGER_REQUESTED, b -> b.triggerId(trigger.triggerId()));
    }
}
