package dev.tecko.processor.query;

import dev.tecko.schemas.JobSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Read-only interactive queries over the processor's job store, for the REST API. Reads see only the jobs whose
 * partitions this instance owns; {@link #ownerOf(String)} says which instance to ask for any other.
 * While the instance is (re)balancing the store may be unavailable: reads then throw
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException}, and the caller should retry.
 */
public interface JobQueryView {
    /** The job's snapshot if this instance holds it. */
    Optional<JobSnapshot> get(String jobId);

    /** Every job this instance holds, in key order. */
    List<JobSnapshot> all();

    /** Where the job's partition lives: this instance, another one (by its {@code application.server}), or unknown yet. */
    JobOwner ownerOf(String jobId);
}
