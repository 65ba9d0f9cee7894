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
 * test: what each job should look like, and which triggers should have been emitted, in order.
 */
final class ReferenceModel {
    /** {@code allFailed}: completed with every request failed (the script's other batches fail no request). */
    record Batch(BatchStatus status, long observedAt, boolean allFailed) {
    }

    record ExpectedTrigger(String jobId, int generation, Set<String> completed, Set<String> failed) {
    }

    static final class Job {
        JobStatus status;
        int generation = 1;
        TriggerPolicy policy;
        final Map<String, Batch> batches = new LinkedHashMap<>();
        String lastOutcome;
        /** The latest delivery report's time (seconds) for the open trigger, while the job is triggering. */
        Long deliveryAt;

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

    void create(String jobId, List<String> batchIds, TriggerPolicy policy, boolean paused) {
        if (jobs.containsKey(jobId)) {
            return;
        }
        var job = new Job();
        job.generation = retiredGenerations.getOrDefault(jobId, 0) + 1;
        job.status = paused ? JobStatus.PAUSED : JobStatus.ACTIVE;
        job.policy = policy;
        batchIds.forEach(id -> job.batches.put(id, new Batch(BatchStatus.PENDING, Long.MIN_VALUE, false)));
        jobs.put(jobId, job);
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
        if (job != null && EnumSet.of(JobStatus.TRIGGER_FAILED, JobStatus.COMPLETED, JobStatus.COMPLETED_WITH_FAILURES,
                JobStatus.FAILED).contains(job.status)) {
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
        if (!job.allTerminal()) {
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
