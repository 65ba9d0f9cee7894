package dev.tecko.resilience;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.TokenUsage;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seeded random jobs for the processor, with what each must end as: the reference model. Each batch gets the
 * observations a poller could send — progress, the terminal status, a re-delivery of it, an old observation arriving
 * late — and only the progress and the terminal one may change the job. The model is deliberately naive and separate
 * from the processor's code: a job triggers once when its policy allows, its version counts the changes it published.
 */
final class JobWorkload {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final BatchStatus[] ENDINGS = {BatchStatus.COMPLETED, BatchStatus.COMPLETED, BatchStatus.COMPLETED,
            BatchStatus.FAILED, BatchStatus.EXPIRED, BatchStatus.CANCELLED};

    record BatchPlan(String batchId, BatchStatus ending, boolean progressFirst, boolean redelivered, boolean lateOldOne) {
    }

    record JobPlan(String jobId, List<BatchPlan> batches, TriggerPolicy policy) {
        boolean triggers() {
            int completed = (int) batches.stream().filter(b -> b.ending() == BatchStatus.COMPLETED).count();
            return policy.allowsTrigger(completed, batches.size());
        }

        String triggerId() {
            return TriggerCommand.triggerId(jobId, 1);
        }
    }

    /** The parts of a snapshot the model predicts (not the wall-clock stamps the processor adds). */
    /** {@code usage}: the job's token total, derived from its batches; a terminal batch counted twice would show here. */
    record JobView(JobStatus status, int generation, List<BatchView> batches, String triggerId, TriggerOutcome outcome,
                   String keboolaJobId, long version, TokenUsage usage) {
    }

    record BatchView(String batchId, BatchStatus status, RequestCounts requestCounts, String outputFileId, Instant observedAt,
                     TokenUsage usage) {
    }

    private final Map<String, JobPlan> jobs = new LinkedHashMap<>();
    private final TriggerTarget target;

    private JobWorkload(TriggerTarget target) {
        this.target = target;
    }

    static JobWorkload random(String idPrefix, int count, Random random, TriggerTarget target) {
        var workload = new JobWorkload(target);
        for (int j = 0; j < count; j++) {
            String jobId = idPrefix + j;
            var batches = new ArrayList<BatchPlan>();
            int size = 1 + random.nextInt(3);
            for (int b = 0; b < size; b++) {
                batches.add(new BatchPlan("batch_" + j + "_" + b, ENDINGS[random.nextInt(ENDINGS.length)],
                        random.nextBoolean(), random.nextInt(4) == 0, random.nextInt(4) == 0));
            }
            var policy = random.nextInt(5) == 0 ? TriggerPolicy.ALL_COMPLETED : TriggerPolicy.ALWAYS;
            workload.jobs.put(jobId, new JobPlan(jobId, List.copyOf(batches), policy));
        }
        return workload;
    }

    List<JobPlan> jobs() {
        return List.copyOf(jobs.values());
    }

    JobPlan job(String jobId) {
        return jobs.get(jobId);
    }

    boolean contains(String jobId) {
        return jobs.containsKey(jobId);
    }

    JobCommand create(JobPlan job) {
        var spec = new JobSpec("job " + job.jobId(), job.batches().stream().map(BatchPlan::batchId).toList(), "openai-main",
                target, null, null, null, job.policy(), null, null);
        return JobCommand.create("create-" + job.jobId(), job.jobId(), spec, T0);
    }

    /**
     * The same job as {@link #create}, as the body of {@code POST /api/jobs} (docs/api.md) for a Keboola target: what a
     * client of the REST API sends to get exactly this job.
     */
    Map<String, Object> createRequest(JobPlan job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", job.jobId());
        body.put("name", "job " + job.jobId());
        body.put("batchIds", job.batches().stream().map(BatchPlan::batchId).toList());
        body.put("openaiSecret", "openai-main");
        body.put("keboolaSecret", target.secret());
        body.put("keboolaStackUrl", target.stackUrl());
        body.put("keboolaComponentId", target.componentId());
        body.put("keboolaConfigId", target.configId());
        body.put("triggerPolicy", Map.of("type", job.policy().type() == TriggerPolicy.Type.ALWAYS ? "always" : "all_completed"));
        return body;
    }

    /** In the order a poller would publish them, per batch; the processor must apply only progress and terminal ones. */
    List<BatchObservation> observations(JobPlan job) {
        var observations = new ArrayList<BatchObservation>();
        for (BatchPlan batch : job.batches()) {
            if (batch.progressFirst()) {
                observations.add(observe(job, batch, BatchStatus.IN_PROGRESS, T0.plusSeconds(10)));
            }
            observations.add(observe(job, batch, batch.ending(), T0.plusSeconds(20)));
            if (batch.redelivered()) {
                observations.add(observe(job, batch, batch.ending(), T0.plusSeconds(30)));
            }
            if (batch.lateOldOne()) {
                observations.add(observe(job, batch, BatchStatus.IN_PROGRESS, T0.plusSeconds(5)));
            }
        }
        return observations;
    }

    private static BatchObservation observe(JobPlan job, BatchPlan batch, BatchStatus status, Instant at) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, job.jobId(), batch.batchId(), status, counts(status),
                outputFile(batch.batchId(), status), null, List.of(), null, Map.of(), at, ObservationSource.POLL, null, null,
                usage(batch.batchId(), status), "gpt-4o-mini");
    }

    /**
     * OpenAI's usage as a batch reports it: a part while it runs, its own total once it ended (none for a batch that
     * failed validation). Distinct per batch, so a total built from the wrong batches, or one counted twice, differs.
     */
    private static TokenUsage usage(String batchId, BatchStatus status) {
        if (status == BatchStatus.FAILED) {
            return null;
        }
        long input = 1_000 + Math.floorMod(batchId.hashCode(), 9_000);
        TokenUsage total = new TokenUsage(input, input / 4, input + input / 4, input / 10, 0);
        return status == BatchStatus.IN_PROGRESS ? new TokenUsage(input / 2, input / 8, input / 2 + input / 8, 0, 0) : total;
    }

    private static RequestCounts counts(BatchStatus status) {
        return switch (status) {
            case IN_PROGRESS -> new RequestCounts(10, 4, 0);
            case COMPLETED -> new RequestCounts(10, 9, 1);
            case FAILED -> RequestCounts.NONE;
            default -> new RequestCounts(10, 5, 0);
        };
    }

    private static String outputFile(String batchId, BatchStatus status) {
        return status == BatchStatus.COMPLETED ? "file-out-" + batchId : null;
    }

    /** What a dispatcher that delivered the trigger would answer. */
    static TriggerResult okResult(TriggerCommand trigger) {
        return new TriggerResult(Check.CURRENT_SCHEMA_VERSION, trigger.triggerId(), trigger.jobId(), trigger.generation(),
                TriggerOutcome.OK, "kbc-" + trigger.jobId(), null, "created", null, 201, 1, null, T0.plusSeconds(60));
    }

    Set<String> expectedTriggerIds() {
        var ids = new TreeSet<String>();
        jobs.values().stream().filter(JobPlan::triggers).forEach(j -> ids.add(j.triggerId()));
        return ids;
    }

    /** The job after all its observations and (when it triggered) its ok result. */
    JobView expected(JobPlan job) {
        var batches = job.batches().stream().map(b -> new BatchView(b.batchId(), b.ending(), counts(b.ending()),
                outputFile(b.batchId(), b.ending()), T0.plusSeconds(20), usage(b.batchId(), b.ending()))).toList();
        TokenUsage usage = TokenUsage.sum(batches, BatchView::usage);
        long version = 1 + job.batches().stream().mapToLong(b -> b.progressFirst() ? 2 : 1).sum();
        if (!job.triggers()) {
            return new JobView(JobStatus.FAILED, 1, batches, null, null, null, version, usage);
        }
        boolean allCompleted = job.batches().stream().allMatch(b -> b.ending() == BatchStatus.COMPLETED);
        return new JobView(allCompleted ? JobStatus.COMPLETED : JobStatus.COMPLETED_WITH_FAILURES, 1, batches, job.triggerId(),
                TriggerOutcome.OK, "kbc-" + job.jobId(), version + 1, usage);
    }

    static JobView view(JobSnapshot snapshot) {
        var batches = snapshot.batches().stream().map(JobWorkload::view).toList();
        var trigger = snapshot.lastTrigger();
        return new JobView(snapshot.status(), snapshot.generation(), batches, trigger == null ? null : trigger.triggerId(),
                trigger == null ? null : trigger.outcome(), trigger == null ? null : trigger.keboolaJobId(), snapshot.version(),
                snapshot.usage());
    }

    private static BatchView view(BatchSnapshot batch) {
        return new BatchView(batch.batchId(), batch.status(), batch.requestCounts(), batch.outputFileId(), batch.observedAt(),
                batch.usage());
    }

    /** Every job whose last committed snapshot differs from the model, as "job: expected ≠ actual" lines. */
    List<String> mismatches(Map<String, JobSnapshot> latest) {
        var lines = new ArrayList<String>();
        for (JobPlan job : jobs.values()) {
            JobSnapshot snapshot = latest.get(job.jobId());
            JobView actual = snapshot == null ? null : view(snapshot);
            JobView expected = expected(job);
            if (!expected.equals(actual)) {
                lines.add(job.jobId() + ": expected " + expected + " but was " + actual);
            }
        }
        return lines;
    }
}
