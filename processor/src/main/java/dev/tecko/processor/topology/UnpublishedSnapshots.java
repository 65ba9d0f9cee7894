package dev.tecko.processor.topology;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The jobs changed since their snapshot was last published to {@code job-status}, each with the time its snapshot is
 * due: kept in a change-logged store, so that a change made and committed is published even when the task moves or
 * crashes before its {@link SnapshotPunctuator} ran. A job changed many times before it is due is in the set once, and
 * so gets one snapshot, as it is then. A job waits one snapshot interval per {@value #BATCHES_PER_INTERVAL} batches: a
 * 10-batch job's change is published within 100 ms, a 1,000-batch job (a 266 KB snapshot) publishes at most one a
 * second, a 10,000-batch job one every 10 s, so that the bytes a job writes to {@code job-status} per second do not
 * grow with its size.
 */
final class UnpublishedSnapshots {
    static final int BATCHES_PER_INTERVAL = 100;
    private final KeyValueStore<String, byte[]> store;
    private final Duration interval;

    UnpublishedSnapshots(KeyValueStore<String, byte[]> store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    /** Marks the job changed at {@code nowMs}; a job marked already keeps the time it is due. */
    void mark(String jobId, int batches, long nowMs) {
        if (store.get(jobId) == null) {
            long waits = interval.toMillis() * Math.max(1, (batches + BATCHES_PER_INTERVAL - 1) / BATCHES_PER_INTERVAL);
            store.put(jobId, ByteBuffer.allocate(Long.BYTES).putLong(nowMs + waits).array());
        }
    }

    /** The marked jobs whose snapshot is due at {@code nowMs}, read whole so that the caller may unmark them as it goes. */
    List<String> due(long nowMs) {
        var ids = new ArrayList<String>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> {
                if (ByteBuffer.wrap(kv.value).getLong() <= nowMs) {
                    ids.add(kv.key);
                }
            });
        }
        return ids;
    }

    void unmark(String jobId) {
        store.delete(jobId);
    }
}
