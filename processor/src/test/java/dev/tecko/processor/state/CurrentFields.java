package dev.tecko.processor.state;

import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.DeliveryState;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.SealReason;
import dev.tecko.schemas.TokenUsage;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.VariableSet;
import java.time.Instant;
import java.util.Random;

/**
 * Random values for what only the current store formats hold ({@link JobStateGenerator} makes jobs as the oldest layout
 * could hold them): {@link StoredJobTest} round-trips both.
 */
final class CurrentFields {
    private CurrentFields() {
    }

    /** What only the current header format holds: the policy's bound on failed requests, the variables, the all-failed count. */
    static JobState withCurrentFields(JobState job, Random random) {
        if (job.isRetired()) {
            return job;
        }
        var policy = job.triggerPolicy().withMaxFailedRequestRatio(random.nextBoolean() ? null : random.nextInt(101) / 100.0);
        return new JobState(job.jobId(), job.name(), job.status(), job.generation(), job.counts(), job.errorsKept(),
                job.openaiSecret(), job.target(), job.pollIntervalSeconds(), job.minPollIntervalSeconds(),
                job.maxPollIntervalSeconds(), policy, job.deadline(), withDelivery(job.lastTrigger(), random), job.createdAt(), job.updatedAt(),
                job.finishedAt(), job.version(), job.lastSequence(), random.nextBoolean() ? VariableSet.EXTENDED : null,
                random.nextInt(1_000), random.nextBoolean() ? null : downstream(random), random.nextInt(11), random.nextInt(11),
                random.nextBoolean() ? null : batchSearch(random));
    }

    static BatchSearch batchSearch(Random random) {
        Instant sealedAt = random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
        return new BatchSearch(new BatchTag("k" + random.nextInt(100), "value ü " + random.nextInt()),
                Instant.ofEpochSecond(random.nextInt(2_000_000_000)), random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000)),
                random.nextBoolean() ? null : 1 + random.nextInt(10_000), random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000)),
                random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000)), sealedAt,
                sealedAt == null ? null : SealReason.values()[random.nextInt(SealReason.values().length)], null);
    }

    static TriggerSummary withDelivery(TriggerSummary trigger, Random random) {
        if (trigger == null || random.nextBoolean()) {
            return trigger;
        }
        return trigger.withDelivery(new DeliveryState(random.nextInt(100), random.nextBoolean() ? null : "attempt failed: 503",
                random.nextBoolean() ? null : 500 + random.nextInt(10), random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000)),
                random.nextBoolean(), Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000))));
    }

    static Downstream downstream(Random random) {
        DownstreamStatus[] statuses = DownstreamStatus.values();
        return new Downstream(Long.toString(random.nextLong(1L << 40)), statuses[random.nextInt(statuses.length)],
                random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000)),
                random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)),
                random.nextBoolean() ? null : (long) random.nextInt(1_000_000), random.nextBoolean() ? null : "ended: ü " + random.nextInt(),
                random.nextBoolean() ? null : "https://queue.example/jobs/" + random.nextInt(), Instant.ofEpochSecond(random.nextInt(2_000_000_000)));
    }

    /** What only the current row format holds: usage and model, each present or not. */
    static BatchSnapshot withUsage(BatchSnapshot b, Random random) {
        var usage = random.nextBoolean() ? null : new TokenUsage(random.nextLong(1L << 40), random.nextLong(1L << 40),
                random.nextLong(1L << 41), random.nextLong(1L << 30), random.nextLong(1L << 30));
        return new BatchSnapshot(b.batchId(), b.status(), b.requestCounts(), b.outputFileId(), b.errorFileId(), b.errors(),
                b.observedAt(), b.pollError(), usage, random.nextBoolean() ? null : "gpt-4o-mini-" + random.nextInt(100), null,
                random.nextBoolean() ? null : Provider.values()[random.nextInt(Provider.values().length)],
                random.nextBoolean() ? null : "ended");
    }

}
