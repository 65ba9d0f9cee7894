package dev.tecko.schemas;

import java.time.Instant;

/** The batch object's {@code *_at} fields as the provider reported them; every one optional. */
public record ProviderTimestamps(
        Instant createdAt,
        Instant inProgressAt,
        Instant finalizingAt,
        Instant completedAt,
        Instant failedAt,
        Instant expiredAt,
        Instant cancellingAt,
        Instant cancelledAt,
        Instant expiresAt) {

    public static final ProviderTimestamps NONE = new ProviderTimestamps(null, null, null, null, null, null, null, null, null);
}
