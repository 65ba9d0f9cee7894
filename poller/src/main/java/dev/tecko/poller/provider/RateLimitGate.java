package dev.tecko.poller.provider;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Per key: the instant before which no request may be sent, as the last 429 named it. */
public final class RateLimitGate {
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    /** Holds back {@code key} until {@code until} (a later block wins over an earlier one). */
    public void block(String key, Instant until) {
        notBefore.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How many keys are held back at {@code now}: the {@code tecko_poller_rate_limited_keys} gauge. */
    public int blockedKeys(Instant now) {
        return (int) notBefore.values().stream().filter(now::isBefore).count();
    }

    /** The instant the key is blocked until, if it is blocked at {@code now}. */
    public Optional<Instant> blockedUntil(String key, Instant now) {
        Instant until = notBefore.get(key);
        if (until == null) {
            return Optional.empty();
        }
        if (!now.isBefore(until)) {
            notBefore.remove(key, until);
            return Optional.empty();
        }
        return Optional.of(until);
    }
}
