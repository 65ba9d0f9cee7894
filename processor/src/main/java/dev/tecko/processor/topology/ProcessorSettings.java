package dev.tecko.processor.topology;

import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the topology depends on, read once from config.
 *
 * @param topics                the topic catalog (prefix from {@code TECKO_TOPIC_PREFIX})
 * @param storeName             the job store's name (also names its changelog topic)
 * @param maxBatchesPerJob      {@code TECKO_MAX_BATCHES_PER_JOB}: a create with more batches is rejected
 * @param deadlineCheckInterval {@code TECKO_PROCESSOR_DEADLINE_CHECK_INTERVAL_MS}: how often the wall-clock deadline check runs
 * @param triggerResultTimeout  {@code TECKO_PROCESSOR_TRIGGER_RESULT_TIMEOUT_MINUTES}: how long a trigger waits for its result
 *                              before a {@code retrigger} may open a new generation
 * @param targets               the API's target allow-list ({@code TECKO_API_TARGET_HOSTS}, {@code TECKO_API_ALLOW_LOOPBACK}),
 *                              enforced again here: other teams write to {@code job-commands} with any client
 * @param snapshotInterval      {@code TECKO_PROCESSOR_SNAPSHOT_INTERVAL_MS}: a job's changes within this time are published
 *                              to {@code job-status} as one snapshot (events and triggers are never held back)
 */
public record ProcessorSettings(Topics topics, String storeName, int maxBatchesPerJob, Duration deadlineCheckInterval,
                                Duration triggerResultTimeout, TargetAllowList targets, Duration snapshotInterval) {
    public static final String STORE_NAME = "jobs";
    public static final String MAX_BATCHES_PER_JOB = "TECKO_MAX_BATCHES_PER_JOB";
    public static final int DEFAULT_MAX_BATCHES_PER_JOB = 1000;
    public static final String DEADLINE_CHECK_INTERVAL_MS = "TECKO_PROCESSOR_DEADLINE_CHECK_INTERVAL_MS";
    public static final Duration DEFAULT_DEADLINE_CHECK_INTERVAL = Duration.ofSeconds(10);
    public static final String TRIGGER_RESULT_TIMEOUT_MINUTES = "TECKO_PROCESSOR_TRIGGER_RESULT_TIMEOUT_MINUTES";
    public static final String SNAPSHOT_INTERVAL_MS = "TECKO_PROCESSOR_SNAPSHOT_INTERVAL_MS";
    /** Kafka Streams' own commit interval under exactly_once_v2: a snapshot waits no longer than the commit would. */
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMillis(100);

    public ProcessorSettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(deadlineCheckInterval, "deadlineCheckInterval");
        Objects.requireNonNull(triggerResultTimeout, "triggerResultTimeout");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        if (maxBatchesPerJob < 1 || maxBatchesPerJob > JobSpec.MAX_BATCHES) {
            throw new IllegalArgumentException("maxBatchesPerJob must be between 1 and " + JobSpec.MAX_BATCHES);
        }
        if (deadlineCheckInterval.toMillis() < 1) {
            throw new IllegalArgumentException("deadlineCheckInterval must be at least 1 ms");
        }
        if (snapshotInterval.toMillis() < 1) {
            throw new IllegalArgumentException("snapshotInterval must be at least 1 ms");
        }
    }

    public static ProcessorSettings from(TeckoConfig config) {
        return new ProcessorSettings(config.topics(), STORE_NAME,
                config.integer(MAX_BATCHES_PER_JOB, DEFAULT_MAX_BATCHES_PER_JOB, 1, JobSpec.MAX_BATCHES),
                Duration.ofMillis(config.number(DEADLINE_CHECK_INTERVAL_MS, DEFAULT_DEADLINE_CHECK_INTERVAL.toMillis(),
                        100, Duration.ofHours(1).toMillis())),
                Duration.ofMinutes(config.integer(TRIGGER_RESULT_TIMEOUT_MINUTES, (int) JobMachine.DEFAULT_RESULT_TIMEOUT.toMinutes(),
                        1, 7 * 24 * 60)),
                TargetAllowList.from(config),
                Duration.ofMillis(config.number(SNAPSHOT_INTERVAL_MS, DEFAULT_SNAPSHOT_INTERVAL.toMillis(), 1, 60_000)));
    }

    /** Defaults with the given topics; what tests start from. */
    public static ProcessorSettings defaults(Topics topics) {
        return new ProcessorSettings(topics, STORE_NAME, DEFAULT_MAX_BATCHES_PER_JOB, DEFAULT_DEADLINE_CHECK_INTERVAL,
                JobMachine.DEFAULT_RESULT_TIMEOUT, new TargetAllowList(List.of(), false), DEFAULT_SNAPSHOT_INTERVAL);
    }

    /** The store of the jobs' batches, a row each: the job store's name with {@code -batches} (also names its changelog). */
    public String batchStoreName() {
        return storeName + "-batches";
    }

    /** The deadline index's name: the job store's with {@code -deadlines} (also names its changelog topic). */
    public String deadlineStoreName() {
        return storeName + "-deadlines";
    }

    /**
     * The set of jobs changed since their snapshot was last published: the store's name with {@code -unpublished} (also
     * names its changelog topic).
     */
    public String unpublishedStoreName() {
        return storeName + "-unpublished";
    }

    public ProcessorSettings withMaxBatchesPerJob(int max) {
        return new ProcessorSettings(topics, storeName, max, deadlineCheckInterval, triggerResultTimeout, targets, snapshotInterval);
    }

    public ProcessorSettings withDeadlineCheckInterval(Duration interval) {
        return new ProcessorSettings(topics, storeName, maxBatchesPerJob, interval, triggerResultTimeout, targets, snapshotInterval);
    }

    public ProcessorSettings withTriggerResultTimeout(Duration timeout) {
        return new ProcessorSettings(topics, storeName, maxBatchesPerJob, deadlineCheckInterval, timeout, targets, snapshotInterval);
    }

    public ProcessorSettings withTargets(TargetAllowList allowList) {
        return new ProcessorSettings(topics, storeName, maxBatchesPerJob, deadlineCheckInterval, triggerResultTimeout, allowList, snapshotInterval);
    }

    public ProcessorSettings withSnapshotInterval(Duration interval) {
        return new ProcessorSettings(topics, storeName, maxBatchesPerJob, deadlineCheckInterval, triggerResultTimeout, targets, interval);
    }
}
