package dev.tecko.embedded.openai;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What any provider's stand-in shows of one sandbox batch at a moment: its status in OpenAI's words (validating,
 * in_progress, finalizing, completed, failed, expired, cancelling, cancelled), the counts so far, and when it entered
 * each status. Each stand-in renders it in its provider's shape.
 *
 * @param planned  the requests the plan has (a failed batch shows a total of 0, as OpenAI's do)
 * @param metadata the pairs the batch was created with (OpenAI's {@code metadata}); empty when none were given
 */
public record BatchView(String id, String status, int total, int completed, int failed, int planned, Instant createdAt,
                        Map<String, Instant> enteredAt, int validationErrors, Map<String, String> metadata) {
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled");

    public boolean terminal() {
        return TERMINAL.contains(status);
    }

    /** When the batch entered {@code status}, or null. */
    public Instant entered(String status) {
        return enteredAt.get(status);
    }
}
