package dev.tecko.poller.openai;

import java.util.List;

/** One page of {@code GET /batches}, newest first; {@code lastId} is the cursor for the next page. */
public record BatchPage(List<OpenAiBatch> batches, boolean hasMore, String lastId) {
    public BatchPage {
        batches = List.copyOf(batches);
    }
}
