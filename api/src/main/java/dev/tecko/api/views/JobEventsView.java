package dev.tecko.api.views;

import dev.tecko.platform.kafka.CompactedTopicView;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code job-events} topic as the API needs it: each job's latest {@link #KEPT_PER_JOB} events, how many
 * {@code triggered} events there were, and the answer to each command the API is waiting for (by {@code commandId}).
 */
public final class JobEventsView implements AutoCloseable {
    public static final int KEPT_PER_JOB = 1000;

    private final Map<String, Deque<JobEvent>> byJob = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JobEvent>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong triggered = new AtomicLong();
    /** Each job's latest event; the reader keeps the histories and answers the waiting commands as it goes. */
    private final CompactedTopicView<String, JobEvent> latest;

    public JobEventsView(Properties kafka, Topic<String, JobEvent> topic) {
        CompactedTopicView.RecordReader<String, JobEvent> decode = CompactedTopicView.valuesOf(topic);
        this.latest = new CompactedTopicView<>(kafka, topic, "job-events-view", record -> {
            JobEvent event = decode.read(record);
            if (event == null) {
                return null;
            }
            accept(event);
            return event.sequence() > 0 ? event : null;
        }, (key, value) -> { });
    }

    /**
     * Keeps the event in its job's history, if the job exists: a rejection for an id that names no job (sequence 0,
     * anyone can write such commands) answers its waiting command and is not kept, or every random id would stay in
     * memory for good. (A deleted job's history stays: its events are the audit trail the API still serves.)
     */
    void accept(JobEvent event) {
        if (event.sequence() > 0) {
            Deque<JobEvent> events = byJob.computeIfAbsent(event.jobId(), id -> new ArrayDeque<>());
            synchronized (events) {
                events.addLast(event);
                if (events.size() > KEPT_PER_JOB) {
                    events.removeFirst();
                }
            }
        }
        if (event.type() == EventType.TRIGGERED) {
            triggered.incrementAndGet();
        }
        if (event.commandId() != null) {
            CompletableFuture<JobEvent> waiter = waiting.remove(event.commandId());
            if (waiter != null) {
                waiter.complete(event);
            }
        }
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return latest.awaitCaughtUp(timeout);
    }

    /** Register before the command is sent, so its answer cannot slip past. */
    public CompletableFuture<JobEvent> answerTo(String commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    /** Stops waiting for a command (its answer did not come in time). */
    public void forget(String commandId) {
        waiting.remove(commandId);
    }

    /** The job's latest {@code limit} events, oldest first. */
    public List<JobEvent> latest(String jobId, int limit) {
        return latest(jobId, limit, java.util.Set.of());
    }

    /** The latest {@code limit} events of the job whose type is one of {@code types} (any type when empty), oldest first. */
    public List<JobEvent> latest(String jobId, int limit, java.util.Set<dev.tecko.schemas.EventType> types) {
        Deque<JobEvent> events = byJob.get(jobId);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            List<JobEvent> all = new ArrayList<>(events);
            if (!types.isEmpty()) {
                all.removeIf(event -> !types.contains(event.type()));
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        }
    }

    /** How many jobs have a history here. */
    int jobsHeld() {
        return byJob.size();
    }

    public long triggeredCount() {
        return triggered.get();
    }

    @Override
    public void close() {
        latest.close();
    }
}
