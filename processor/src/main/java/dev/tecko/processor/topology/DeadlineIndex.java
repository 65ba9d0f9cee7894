package dev.tecko.processor.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deadline index: one entry per job that can still time out, keyed {@code <deadline millis, 19 digits>/<jobId>}
 * so that RocksDB keeps the entries in deadline order and the check reads only the due ones, never the job store
 * whole. The value is the job id. An entry may be stale (the job changed since); the machine decides from the job
 * itself, so a stale entry costs one read and is then dropped.
 */
final class DeadlineIndex {
    /** Not an id character ({@code Check.ID}), and below the digits: keys of one deadline sort before the next's. */
    private static final char SEPARATOR = '/';
    /**
     * Marks an index built from the job store (see {@link JobStore#buildDeadlineIndexOnce}). Sorts after every
     * deadline key, so a range scan up to any deadline never meets it.
     */
    static final String BUILT_MARKER = "~built";
    private final KeyValueStore<String, String> store;

    DeadlineIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The key of a job's entry. Deadlines before 1970 are all due anyway: clamped to 0 to keep the fixed width. */
    static String key(Instant deadline, String jobId) {
        return String.format("%019d", Math.max(0, deadline.toEpochMilli())) + SEPARATOR + jobId;
    }

    void add(Instant deadline, String jobId) {
        store.put(key(deadline, jobId), jobId);
    }

    void remove(String key) {
        store.delete(key);
    }

    /** Entries whose deadline is at or before {@code now}, earliest first (read whole, so the caller may write). */
    List<Entry> due(Instant now) {
        // the bare millis of now + 1 sort after every "<now>/<id>" and before every "<now + 1>/<id>": an exclusive bound
        String after = String.format("%019d", Math.max(0, now.toEpochMilli()) + 1);
        var due = new ArrayList<Entry>();
        try (var entries = store.range(null, after)) {
            entries.forEachRemaining(kv -> due.add(new Entry(kv.key, kv.value)));
        }
        return due;
    }

    boolean built() {
        return store.get(BUILT_MARKER) != null;
    }

    void markBuilt() {
        store.put(BUILT_MARKER, "");
    }

    record Entry(String key, String jobId) {
    }
}
