package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.BreakerPolicy;
import dev.tecko.dispatcher.delivery.RetryPolicy;
import dev.tecko.dispatcher.delivery.TriggerDispatcher;
import dev.tecko.dispatcher.follow.FollowSettings;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.targets.TargetAllowList;
import java.time.Duration;
import java.util.UUID;

/** Every {@code TECKO_DISPATCHER_*} setting, with its default; see dispatcher/README.md. */
public record DispatcherSettings(
        String groupId,
        String instanceId,
        int concurrency,
        int maxPollRecords,
        int maxOpenPerPartition,
        Duration connectTimeout,
        Duration callTimeout,
        RetryPolicy retry,
        BreakerPolicy breaker,
        TriggerDispatcher.Recovery recovery,
        TargetAllowList targets,
        FollowSettings follow) {

    public static final String PREFIX = "TECKO_DISPATCHER_";

    public static DispatcherSettings from(TeckoConfig config) {
        Duration callTimeout = Duration.ofMillis(config.integer(PREFIX + "HTTP_CALL_TIMEOUT_MILLIS", 30_000, 100, 600_000));
        return new DispatcherSettings(
                config.string(PREFIX + "GROUP_ID", "tecko-dispatcher"),
                config.string(PREFIX + "INSTANCE_ID", UUID.randomUUID().toString()),
                // lanes (a partition's triggers for one target host) delivering at once; a hanging host holds one per partition
                config.integer(PREFIX + "CONCURRENCY", 32, 1, 1_024),
                config.integer(PREFIX + "MAX_POLL_RECORDS", 100, 1, 10_000),
                config.integer(PREFIX + "MAX_OPEN_PER_PARTITION", 1_000, 1, 100_000),
                Duration.ofMillis(config.integer(PREFIX + "HTTP_CONNECT_TIMEOUT_MILLIS", 5_000, 100, 600_000)),
                callTimeout,
                new RetryPolicy(
                        Duration.ofSeconds(config.integer(PREFIX + "RETRY_TOTAL_SECONDS", 900, 0, 7 * 24 * 3600)),
                        Duration.ofMillis(config.integer(PREFIX + "RETRY_INITIAL_MILLIS", 1_000, 1, 3_600_000)),
                        Duration.ofMillis(config.integer(PREFIX + "RETRY_MAX_MILLIS", 60_000, 1, 3_600_000))),
                new BreakerPolicy(
                        config.integer(PREFIX + "BREAKER_WINDOW", 10, 1, 1_000),
                        config.integer(PREFIX + "BREAKER_FAILURE_RATE_PERCENT", 50, 1, 100),
                        Duration.ofSeconds(config.integer(PREFIX + "BREAKER_OPEN_SECONDS", 30, 1, 3_600))),
                new TriggerDispatcher.Recovery(
                        callTimeout.plusMillis(config.integer(PREFIX + "RECOVERY_GRACE_MILLIS", 1_000, 0, 600_000)),
                        Duration.ofSeconds(config.integer(PREFIX + "RECOVERY_CLOCK_SKEW_SECONDS", 60, 0, 86_400)),
                        // Keboola's job search is eventually consistent (8 s seen); 30 s covers it almost four times over
                        Duration.ofSeconds(config.integer(PREFIX + "SETTLE_SECONDS", 30, 0, 3_600))),
                // the API's allow-list, checked again right before sending: other teams write triggers' jobs too
                TargetAllowList.from(config),
                FollowSettings.from(config));
    }
}
