package dev.tecko.poller.tag;

import dev.tecko.schemas.BatchDiscovery;

/**
 * Where discoveries go ({@code batch-discovery}). A send that fails later is reported to
 * {@link TagSchedule#publishFailed}, so the next search reports it again; one that fails at once may throw.
 */
public interface DiscoverySink {
    void publish(BatchDiscovery discovery);
}
