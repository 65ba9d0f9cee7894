package dev.tecko.embedded.keboola;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The jobs the sandbox created, with the Queue API's search filters. Thread-safe. */
final class SandboxJobStore {
    /** A stored job: its Job object as answered, and the fields search filters on. */
    record StoredJob(long id, String component, String config, Instant createdTime, ObjectNode json, Instant searchableAt,
                     Instant started, String end) {
        StoredJob(long id, String component, String config, Instant createdTime, ObjectNode json) {
            this(id, component, config, createdTime, json, Instant.MIN, createdTime, "success");
        }
    }

    /** Job numbers start after this one, as Keboola's look: seven digits and up. */
    static final long FIRST_ID = 1_000_000;

    private final Map<Long, StoredJob> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids;

    SandboxJobStore(long lastId) {
        this.ids = new AtomicLong(Math.max(FIRST_ID, lastId));
    }

    long lastId() {
        return ids.get();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(StoredJob job) {
        jobs.put(job.id(), job);
    }

    Optional<StoredJob> find(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Keboola's defaults: newest first, 100 per page, at most 500. */
    /** Only jobs searchable at {@code now}: Keboola's search is eventually consistent, a new job shows up seconds later. */
    List<StoredJob> search(String component, String config, Instant createdFrom, boolean ascending, int offset, int limit,
                           Instant now) {
        Comparator<StoredJob> byId = Comparator.comparingLong(StoredJob::id);
        List<StoredJob> matching = new ArrayList<>();
        for (StoredJob job : jobs.values()) {
            if (!job.searchableAt().isAfter(now)
                    && (component == null || component.equals(job.component()))
                    && (config == null || config.equals(job.config()))
                    && (createdFrom == null || !job.createdTime().isBefore(createdFrom))) {
                matching.add(job);
            }
        }
        matching.sort(ascending ? byId : byId.reversed());
        int from = Math.min(offset, matching.size());
        int to = Math.min(from + limit, matching.size());
        return List.copyOf(matching.subList(from, to));
    }

    int size() {
        return jobs.size();
    }
}
