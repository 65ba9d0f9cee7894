package dev.tecko.processor.machine;

import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The domain verbs a test drives jobs with, and what came out, whatever runs them: the pure state machine over a map
 * ({@link MachineDriver}) or the whole topology through {@code TopologyTestDriver} ({@code topology.Driver}). The
 * randomized reference-model test runs the same script against both.
 */
public interface JobsUnderTest extends AutoCloseable {
    void create(String jobId, JobSpec spec, Instant at);

    void command(CommandType type, String jobId, Instant at);

    /** A poll's observation, observed (and received) at {@code observedAt}: 10 requests, all done when completed. */
    default void observe(String jobId, String batchId, BatchStatus status, Instant observedAt) {
        observe(jobId, batchId, status, new RequestCounts(10, status.isCompleted() ? 10 : 0, 0), observedAt);
    }

    /** A poll's observation with these request counts. */
    void observe(String jobId, String batchId, BatchStatus status, RequestCounts counts, Instant observedAt);

    void result(String jobId, int generation, TriggerOutcome outcome, Instant at);

    /** The dispatcher's report of how a trigger's delivery is going, at its own {@code at}. */
    void deliveryProgress(DeliveryProgress progress);

    /** What a tagged job's poller found by the job's tag, received at {@code at}. */
    void discover(BatchDiscovery discovery, Instant at);

    /** The trigger commands emitted since last asked, in order. */
    List<TriggerCommand> drainTriggers();

    /**
     * Applies every snapshot published since last asked to {@code into} (a tombstone removes the job) and returns it. The
     * topology publishes once per snapshot interval, coalescing a job's changes within it: asking lets that interval pass.
     */
    Map<String, JobSnapshot> latestSnapshots(Map<String, JobSnapshot> into);

    /** The latest snapshot of every job published so far (a tombstone removes it). */
    default Map<String, JobSnapshot> latestSnapshots() {
        return latestSnapshots(new java.util.LinkedHashMap<>());
    }

    /** The job events emitted since last asked, in order. */
    List<JobEvent> drainEvents();

    /** The deadline index as its store holds it, or null where nothing stores one. */
    Map<String, String> deadlineIndex();

    @Override
    void close();
}
