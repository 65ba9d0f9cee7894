package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What one search of a provider's batch list found for a tagged job: value of {@code batch-discovery}, key = job id.
 * Written by the poller that owns the job; the processor adds the batches the job does not hold yet (a
 * {@code batches_added} event) while its list is not sealed, and refuses them after (a {@code batches_refused} event).
 * {@code listedUpTo} says the search covered every batch created from the job's window start up to that time (less a
 * margin for the provider's list lag); it is what lets a sealing job seal, and it is absent when the search stopped before
 * the window's start (page budget, error). A duplicated, late or reordered record does no harm: held batches are not
 * added twice and {@code listedUpTo} only moves forward. {@code jobCreatedAt} names the incarnation of the job id, so a
 * search for a deleted job cannot add batches to a new one of the same id.
 */
public record BatchDiscovery(
        int schemaVersion,
        String jobId,
        Instant jobCreatedAt,
        BatchTag tag,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> batchIds,
        Instant listedUpTo,
        Instant discoveredAt) {

    public BatchDiscovery {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.required(jobCreatedAt, "jobCreatedAt");
        Check.required(tag, "tag");
        batchIds = Check.distinctIds(batchIds, "batchIds", 0, JobSpec.MAX_BATCHES);
        Check.required(discoveredAt, "discoveredAt");
    }
}
