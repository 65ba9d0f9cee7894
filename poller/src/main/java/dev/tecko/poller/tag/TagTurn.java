package dev.tecko.poller.tag;

import dev.tecko.schemas.BatchTag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A tagged job whose search is due.
 *
 * @param ticket identifies this turn; the result of an older one (before a rebalance, a new incarnation) is ignored
 * @param since  the job's window start
 */
public record TagTurn(String jobId, long ticket, String secret, BatchTag tag, Instant since) {
    /**
     * The window start as a provider's {@code created_at} compares with it: OpenAI gives whole seconds, so a batch created
     * in the same second as the window's start (after it) shows a {@code created_at} just before it.
     */
    Instant floor() {
        return since.truncatedTo(ChronoUnit.SECONDS);
    }
}
