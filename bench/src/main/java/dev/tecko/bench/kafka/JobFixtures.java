package dev.tecko.bench.kafka;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks' jobs: job {@code i} has batches {@code 0..batches-1}, and each batch's observation is the one a
 * poller publishes when the batch completed, with the fields OpenAI reports then (so the records have a realistic size).
 */
public final class JobFixtures {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String PREFIX = "job-";
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "keboola.ex-generic-v2",
            "1234567", "bench-keboola");

    private JobFixtures() {
    }

    public static String jobId(int job) {
        return PREFIX + String.format(Locale.ROOT, "%09d", job);
    }

    /** The inverse of {@link #jobId(int)}. */
    public static int jobIndex(String jobId) {
        return Integer.parseInt(jobId.substring(PREFIX.length()));
    }

    public static String batchId(int job, int batch) {
        return "batch_" + Integer.toString(job, 36) + "_" + batch + "_bench0000000000";
    }

    public static JobCommand create(int job, int batches) {
        List<String> ids = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            ids.add(batchId(job, b));
        }
        return JobCommand.create("create-" + jobId(job), jobId(job), JobSpec.of("bench job " + job, ids, "bench-openai", TARGET),
                CREATED);
    }

    public static BatchObservation completed(int job, int batch) {
        Instant done = CREATED.plusSeconds(3600);
        var timestamps = new ProviderTimestamps(CREATED, CREATED.plusSeconds(60), done.minusSeconds(60), done, null, null, null,
                null, CREATED.plusSeconds(86_400));
        String batchId = batchId(job, batch);
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId(job), batchId, BatchStatus.COMPLETED,
                new RequestCounts(1000, 998, 2), "file-out-" + batchId, "file-err-" + batchId, List.of(), timestamps, Map.of(),
                done.plusSeconds(5), ObservationSource.POLL, null);
    }
}
