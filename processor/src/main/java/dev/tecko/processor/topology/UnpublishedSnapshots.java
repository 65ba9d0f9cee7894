package dev.tecko.processor.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The jobs changed since their snapshot was last published to {@code job-status}: a set of job ids, kept in a
 * change-logged store so that a change made and committed is published even when the task moves or crashes before its
 * {@link SnapshotPunctuator} ran. A job changed many times within one interval is in the set once, and so gets one
 * snapshot: a 1,000-batch job whose batches finish together publishes its ~250 KB snapshot once, not 1,000 times.
 */
final class UnpublishedSnapshots {
    private static final byte[] MARK = new byte[0];
    private final KeyValueStore<String, byte[]> store;

    UnpublishedSnapshots(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    void mark(String jobId) {
        store.put(jobId, MARK);
    }

    /** The marked job ids, read whole so that the caller may unmark them as it goes. */
    List<String> marked() {
        var ids = new ArrayList<String>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> ids.add(kv.key));
        }
        return ids;
    }

    void unmark(String jobId) {
        store.delete(jobId);
    }
}
