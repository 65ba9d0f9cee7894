package dev.tecko.poller.provider;

import java.util.List;

/** One page of {@code GET /batches}, newest first; {@code lastId} is the cursor for the next page. */
public record BatchPage(List<ProviderBatch> batches, boolean hasMore, String lastId) {
    public BatchPage {
        batches = List.copyOf(batches);
    }
}
