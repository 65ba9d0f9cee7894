package dev.tecko.schemas.topics;

import java.util.Map;

/**
 * The record sizes the system is built for, and the Kafka settings that let them through. Chosen, not inherited from
 * Kafka's 1 MB default: a job of {@code TECKO_MAX_BATCHES_PER_JOB=10000} is carried whole by a few records.
 *
 * <p>Measured by {@code WorstCaseRecordSizeTest} (processor) for a 10,000-batch job with every id and file id 255
 * characters long and every batch failed with the largest error list and a poll error: create command 2.6 MB, job
 * snapshot 20.8 MB, stored job state 19.0 MB, trigger 11.7 MB, job event 0.7 KB. With realistic ids (about 30
 * characters) the snapshot of such a job is about 3 MB. Observations are bounded to about 128 KB by
 * {@code BatchObservation}; the job keeps at most 100 provider errors in all.
 */
public final class RecordLimits {
    /** Records that carry a whole job: create commands, snapshots, triggers, the job store and their DLQ copies. */
    public static final int JOB_RECORD_BYTES = 32 * 1024 * 1024;
    /** Every other record (observations, events, results, secrets, ledger marks): Kafka's own default. */
    public static final int DEFAULT_RECORD_BYTES = 1024 * 1024;
    /** A record batch carries a header, the key and headers besides the value. */
    private static final int BATCH_OVERHEAD_BYTES = 64 * 1024;

    private RecordLimits() {
    }

    /** The topic's {@code max.message.bytes} for records of at most {@code recordBytes}. */
    public static int topicMaxMessageBytes(int recordBytes) {
        return recordBytes + BATCH_OVERHEAD_BYTES;
    }

    /**
     * Producer settings for a client that may write job-sized records: {@code max.request.size} above the largest, and
     * {@code buffer.memory} (32 MiB by default) room for two of them.
     */
    public static Map<String, Object> jobRecordProducer() {
        return Map.of("max.request.size", topicMaxMessageBytes(JOB_RECORD_BYTES),
                "buffer.memory", 2L * topicMaxMessageBytes(JOB_RECORD_BYTES));
    }
}
