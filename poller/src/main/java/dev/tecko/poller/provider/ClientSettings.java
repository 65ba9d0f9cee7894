package dev.tecko.poller.provider;

import java.time.Duration;

/**
 * Timeouts and retry pacing of the batch API client.
 *
 * @param maxAttempts attempts per call on IO errors and 5xx (1 = no retry)
 * @param backoff first retry delay; doubled each attempt, with full jitter, up to {@code maxBackoff}
 * @param defaultRateLimitWait how long a 429 without any reset header blocks the key
 */
public record ClientSettings(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration backoff,
                             Duration maxBackoff, Duration defaultRateLimitWait) {
    public static ClientSettings defaults() {
        return new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofSeconds(10));
    }
}
