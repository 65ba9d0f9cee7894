package dev.tecko.processor.topology;

import dev.tecko.config.TeckoConfig;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the topology depends on, read once from config.
 *
 * @param topics                the topic catalog (prefix from {@code TECKO_TOPIC_PREFIX})
 * @param storeName             the job store's name (also names its changelog topic)
 * @param maxBatchesPerJob      {@code TECKO_MAX_BATCHES_PER_JOB}: a create with more batches is rejected
 * @param deadlineCheckInterval {@code TECKO_PROCESSOR_DEADLINE_CHECK_INTERVAL_MS}: how often the wall-clock deadline check runs
 */
public record ProcessorSettings(Topics topics, String storeName, int maxBatchesPerJob, Duration deadlineCheckInterval) {
    public static final String STORE_NAME = "jobs";
    public static final String MAX_BATCHES_PER_JOB = "TECKO_MAX_BATCHES_PER_JOB";
    public static final int DEFAULT_MAX_BATCHES_PER_JOB = 1000;
    public static final String DEADLINE_CHECK_INTERVAL_MS = "TECKO_PROCESSOR_DEADLINE_CHECK_INTERVAL_MS";
    public static final Duration DEFAULT_DEADLINE_CHECK_INTERVAL = Duration.ofSeconds(10);

    public ProcessorSettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(deadlineCheckInterval, "deadlineCheckInterval");
        if (maxBatchesPerJob < 1 || maxBatchesPerJob > JobSpec.MAX_BATCHES) {
            throw new IllegalArgumentException("maxBatchesPerJob must be between 1 and " + JobSpec.MAX_BATCHES);
        }
        if (deadlineCheckInterval.toMillis() < 1) {
            throw new IllegalArgumentException("deadlineCheckInterval must be at least 1 ms");
        }
    }

    public static ProcessorSettings from(TeckoConfig config) {
        return new ProcessorSettings(config.topics(), STORE_NAME,
                config.integer(MAX_BATCHES_PER_JOB, DEFAULT_MAX_BATCHES_PER_JOB, 1, JobSpec.MAX_BATCHES),
                Duration.ofMillis(config.number(DEADLINE_CHECK_INTERVAL_MS, DEFAULT_DEADLINE_CHECK_INTERVAL.toMillis(),
                        100, Duration.ofHours(1).toMillis())));
    }

    /** Defaults with the given topics; what tests start from. */
    public static ProcessorSettings defaults(Topics topics) {
        return new ProcessorSettings(topics, STORE_NAME, DEFAULT_MAX_BATCHES_PER_JOB, DEFAULT_DEADLINE_CHECK_INTERVAL);
    }

    /** The deadline index's name: the job store's with {@code -deadlines} (also names its changelog topic). */
    public String deadlineStoreName() {
        return storeName + "-deadlines";
    }

    public ProcessorSettings withMaxBatchesPerJob(int max) {
        return new ProcessorSettings(topics, storeName, max, deadlineCheckInterval);
    }

    public ProcessorSettings withDeadlineCheckInterval(Duration interval) {
        return new ProcessorSettings(topics, storeName, maxBatchesPerJob, interval);
    }
}
