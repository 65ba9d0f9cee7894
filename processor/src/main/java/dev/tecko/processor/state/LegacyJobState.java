package dev.tecko.processor.state;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job as processors before the per-batch layout stored it: the whole job, its batches inline, in one value (JSON at
 * first, then {@link LegacyJobStateBinary} format {@code 0x01}). Read only, to move a job to the current layout
 * ({@link #header()} and {@link #rows()}) the first time it is touched after an upgrade; never written.
 */
public record LegacyJobState(
        String jobId,
        String name,
        JobStatus status,
        int generation,
        List<BatchSnapshot> batches,
        String openaiSecret,
        TriggerTarget target,
        int pollIntervalSeconds,
        Integer minPollIntervalSeconds,
        Integer maxPollIntervalSeconds,
        TriggerPolicy triggerPolicy,
        Instant deadline,
        TriggerSummary lastTrigger,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        long version,
        long lastSequence) {

    public LegacyJobState {
        batches = Check.list(batches);
    }

    /** The job's header in the current layout, its counts and kept errors taken from its batches. */
    public JobState header() {
        int errors = batches.stream().mapToInt(b -> b.errors().size()).sum();
        return new JobState(jobId, name, status, generation, status == null ? null : BatchCounts.of(batches), errors,
                openaiSecret, target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy,
                deadline, lastTrigger, createdAt, updatedAt, finishedAt, version, lastSequence, null,
                (int) batches.stream().filter(b -> b.allRequestsFailed() != null).count(), null, 0, 0);
    }

    /** The job's batches as rows of the current layout, in their order. */
    public List<BatchRow> rows() {
        var rows = new ArrayList<BatchRow>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            rows.add(new BatchRow(i, batches.get(i)));
        }
        return rows;
    }
}
