package dev.tecko.processor.topology;

import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent, deliberately naive statement of the job rules in docs/design.md, used as the oracle for the randomized
 * test: what each job should look like, and which triggers should have been emitted, in order; for tagged jobs, which
 * batches their searches added and which they refused (found after the seal).
 */
final class ReferenceModel {
    /** {@code allFailed}: completed with every request failed (the script's other batches fail no request). */
    record Batch(BatchStatus status, long observedAt, boolean allFailed) {
    }

    record ExpectedTrigger(String jobId, int generation, Set<String> completed, Set<String> failed) {
    }

    /** A {@code batches_added} or {@code batches_refused} event: which job, which ids, in order. */
    record ListChange(String jobId, boolean added, List<String> batchIds) {
    }

    static final class Job {
        JobStatus status;
        int generation = 1;
        TriggerPolicy policy;
        final Map<String, Batch> batches = new LinkedHashMap<>();
        String lastOutcome;
        /** The latest delivery report's time (seconds) for the open trigger, while the job is triggering. */
        Long deliveryAt;
        /** When it was created (millis after T0): the incarnation a discovery must name. */
        long createdAt;
        /** Whether it finds batches by its tag; then, in millis after T0: its sealAt, the seal command, the search's reach. */
        boolean tagged;
        Long sealAt;
        Integer expectedBatches;
        Long sealRequestedAt;
        Long listedUpTo;
        boolean sealed;

        /** The list is final: named at creation, or sealed. */
        boolean listFinal() {
            return !tagged || sealed;
        }

        boolean allTerminal() {
            return batches.values().stream().allMatch(b -> b.status.isTerminal());
        }

        /** Completed with a request that did not fail: a success for the policy. */
        long succeeded() {
            return batches.values().stream().filter(b -> b.status == BatchStatus.COMPLETED && !b.allFailed).count();
        }

        /** Every batch has 10 requests; only an all-failed one failed any (all 10). */
        boolean tooManyRequestsFailed() {
            Double bound = policy.maxFailedRequestRatio();
            long failed = 10 * batches.values().stream().filter(Batch::allFailed).count();
            return bound != null && failed > bound * 10 * batches.size() + 1e-9;
        }
    }

    final Map<String, Job> jobs = new LinkedHashMap<>();
    /** The last generation of each deleted job id: a job created again under it goes on from there. */
    final Map<String, Integer> retiredGenerations = new LinkedHashMap<>();
    final List<ExpectedTrigger> triggers = new ArrayList<>();
    final List<ListChange> listChanges = new ArrayList<>();

    void create(String jobId, List<String> batchIds, TriggerPolicy policy, boolean paused) {
        create(jobId, batchIds, policy, paused, 0, false, null, null);
    }

    /** @return whether a job was created (none of that id existed) */
    boolean create(String jobId, List<String> batchIds, TriggerPolicy policy, boolean paused, long at, boolean tagged, Long sealAt,
                   Integer expectedBatches) {
        if (jobs.containsKey(jobId)) {
            return false;
        }
        var job = new Job();
        job.generation = retiredGenerations.getOrDefault(jobId, 0) + 1;
        job.status = paused ? JobStatus.PAUSED : JobStatus.ACTIVE;
        job.policy = policy;
        batchIds.forEach(id -> job.batches.put(id, new Batch(BatchStatus.PENDING, Long.MIN_VALUE, false)));
        job.createdAt = at;
        job.tagged = tagged;
        job.sealAt = sealAt;
        job.expectedBatches = expectedBatches;
        jobs.put(jobId, job);
        sealIfDue(job, at);
        return true;
    }

    /** What a search found: added while the list is open, refused once it is sealed; then the list may seal. */
    void discover(String jobId, long createdAt, boolean sameTag, List<String> ids, Long listedUpTo, long now) {
        Job job = jobs.get(jobId);
        if (job == null || !job.tagged || job.createdAt != createdAt || !sameTag || job.status.isFinished()) {
            return;
        }
        List<String> unheld = ids.stream().filter(id -> !job.batches.containsKey(id)).toList();
        if (job.sealed) {
            if (!unheld.isEmpty()) {
                listChanges.add(new ListChange(jobId, false, unheld));
            }
            return;
        }
        if (!unheld.isEmpty()) {
            unheld.forEach(id -> job.batches.put(id, new Batch(BatchStatus.PENDING, Long.MIN_VALUE, false)));
            listChanges.add(new ListChange(jobId, true, unheld));
        }
        if (listedUpTo != null && (job.listedUpTo == null || listedUpTo > job.listedUpTo)) {
            job.listedUpTo = listedUpTo;
        }
        sealIfDue(job, now);
        if (job.status == JobStatus.ACTIVE) {
            decide(jobId, job, false);
        }
    }

    void seal(String jobId, long now) {
        Job job = jobs.get(jobId);
        if (job == null || !job.tagged || !job.status.isWatching() || job.sealRequestedAt != null || job.sealed) {
            return;
        }
        job.sealRequestedAt = now;
        sealIfDue(job, now);
        if (job.status == JobStatus.ACTIVE) {
            decide(jobId, job, false);
        }
    }

    /** expectedBatches held, or the search reached the earlier of the seal command and a sealAt that has come. */
    private static void sealIfDue(Job job, long now) {
        if (!job.tagged || job.sealed) {
            return;
        }
        Long due = job.sealRequestedAt;
        if (job.sealAt != null && job.sealAt <= now && (due == null || job.sealAt < due)) {
            due = job.sealAt;
        }
        job.sealed = job.expectedBatches != null && job.batches.size() >= job.expectedBatches
                || due != null && job.listedUpTo != null && job.listedUpTo >= due;
    }

    void observe(String jobId, String batchId, BatchStatus status, boolean allFailed, long observedAt) {
        Job job = jobs.get(jobId);
        if (job == null || job.status == JobStatus.CANCELLED || !job.batches.containsKey(batchId)) {
            return;
        }
        Batch held = job.batches.get(batchId);
        if (held.status.isTerminal() || held.status == status) {
            return;
        }
        // what the provider says orders observations, not the poller's clock: terminal beats everything, then the step in
        // the lifecycle; only equal steps (finalizing vs cancelling, the counts being equal here) fall back to observedAt
        if (!status.isTerminal() && (step(status) < step(held.status) || step(status) == step(held.status) && observedAt <= held.observedAt)) {
            return;
        }
        job.batches.put(batchId, new Batch(status, observedAt, status == BatchStatus.COMPLETED && allFailed));
        if (job.status == JobStatus.ACTIVE) {
            decide(jobId, job, false);
        }
    }

    private static int step(BatchStatus status) {
        return switch (status) {
            case PENDING -> 0;
            case VALIDATING -> 1;
            case IN_PROGRESS -> 2;
            default -> 3;
        };
    }

    void pause(String jobId) {
        Job job = jobs.get(jobId);
        if (job != null && job.status == JobStatus.ACTIVE) {
            job.status = JobStatus.PAUSED;
        }
    }

    void resume(String jobId) {
        Job job = jobs.get(jobId);
        if (job != null && job.status == JobStatus.PAUSED) {
            job.status = JobStatus.ACTIVE;
            decide(jobId, job, false);
        }
    }

    void cancel(String jobId) {
        Job job = jobs.get(jobId);
        // triggering too: a trigger that never gets a result must not hold the job for good
        if (job != null && EnumSet.of(JobStatus.ACTIVE, JobStatus.PAUSED, JobStatus.FAILED, JobStatus.TRIGGER_FAILED,
                JobStatus.TRIGGERING).contains(job.status)) {
            job.status = JobStatus.CANCELLED;
            job.deliveryAt = null;
        }
    }

    void retrigger(String jobId) {
        Job job = jobs.get(jobId);
        // a job sealed with no batch has nothing to trigger with: refused
        if (job != null && !job.batches.isEmpty() && EnumSet.of(JobStatus.TRIGGER_FAILED, JobStatus.COMPLETED,
                JobStatus.COMPLETED_WITH_FAILURES, JobStatus.FAILED).contains(job.status)) {
            job.generation++;
            job.status = JobStatus.ACTIVE;
            decide(jobId, job, true);
        }
    }

    void delete(String jobId) {
        Job job = jobs.remove(jobId);
        if (job != null) {
            retiredGenerations.put(jobId, job.generation);
        }
    }

    void result(String jobId, int generation, boolean ok) {
        Job job = jobs.get(jobId);
        if (job == null || job.status != JobStatus.TRIGGERING || generation != job.generation) {
            return;
        }
        job.lastOutcome = ok ? "ok" : "failed";
        job.deliveryAt = null;
        job.status = !ok ? JobStatus.TRIGGER_FAILED
                : job.succeeded() == job.batches.size() ? JobStatus.COMPLETED : JobStatus.COMPLETED_WITH_FAILURES;
    }

    /** Kept only for the open trigger of this generation, and only when later than what is kept. */
    void delivery(String jobId, int generation, long at) {
        Job job = jobs.get(jobId);
        if (job != null && job.status == JobStatus.TRIGGERING && generation == job.generation
                && (job.deliveryAt == null || at > job.deliveryAt)) {
            job.deliveryAt = at;
        }
    }

    private void decide(String jobId, Job job, boolean force) {
        if (!job.allTerminal() || !job.listFinal()) {
            return;
        }
        if (job.batches.isEmpty()) {
            job.status = JobStatus.FAILED;
            return;
        }
        if (force || job.policy.allowsTrigger((int) job.succeeded(), job.batches.size()) && !job.tooManyRequestsFailed()) {
            job.status = JobStatus.TRIGGERING;
            job.lastOutcome = null;
            job.deliveryAt = null;
            Set<String> completed = new TreeSet<>();
            Set<String> failed = new TreeSet<>();
            job.batches.forEach((id, b) -> (b.status == BatchStatus.COMPLETED ? completed : failed).add(id));
            triggers.add(new ExpectedTrigger(jobId, job.generation, completed, failed));
        } else {
            job.status = JobStatus.FAILED;
        }
    }
}
