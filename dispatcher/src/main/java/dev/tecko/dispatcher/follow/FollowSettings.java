package dev.tecko.dispatcher.follow;

import dev.tecko.platform.config.TeckoConfig;
import java.time.Duration;

/**
 * How the dispatcher follows the Keboola jobs its triggers created ({@code TECKO_DISPATCHER_FOLLOW_*}, see
 * dispatcher/README.md): whether at all, the shortest and longest wait between two checks of one job, and how many
 * checks run at once.
 */
public record FollowSettings(boolean enabled, Duration minInterval, Duration maxInterval, int concurrency) {
    private static final String PREFIX = "TECKO_DISPATCHER_FOLLOW_";

    public static FollowSettings from(TeckoConfig config) {
        return new FollowSettings(
                config.bool(PREFIX + "ENABLED", true),
                Duration.ofMillis(config.integer(PREFIX + "MIN_INTERVAL_MILLIS", 5_000, 50, 3_600_000)),
                Duration.ofMillis(config.integer(PREFIX + "MAX_INTERVAL_MILLIS", 60_000, 50, 86_400_000)),
                config.integer(PREFIX + "CONCURRENCY", 8, 1, 256));
    }
}
