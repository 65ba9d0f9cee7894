package dev.tecko.poller.runtime;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.check.CheckSettings;
import dev.tecko.poller.provider.ClientSettings;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.schedule.NotFoundPolicy;
import dev.tecko.poller.tag.TagSettings;
import java.time.Duration;
import java.util.OptionalInt;

/** The poller's own settings, read once from {@code TECKO_POLLER_*} (every one documented in poller/README.md). */
public record PollerSettings(
        String groupId,
        int concurrency,
        CheckSettings check,
        int minIntervalSeconds,
        Duration tick,
        ClientSettings client,
        String defaultBaseUrl,
        OptionalInt webhookPort,
        String webhookSecret,
        boolean webhookHandover,
        NotFoundPolicy notFound,
        TargetAllowList allowList,
        TagSettings tag) {

    public static final String GROUP_ID = "TECKO_POLLER_GROUP_ID";
    public static final String CONCURRENCY = "TECKO_POLLER_CONCURRENCY";
    public static final String USE_LIST = "TECKO_POLLER_USE_LIST";
    public static final String LIST_THRESHOLD = "TECKO_POLLER_LIST_THRESHOLD";
    public static final String LIST_MAX_PAGES = "TECKO_POLLER_LIST_MAX_PAGES";
    public static final String MIN_INTERVAL_SECONDS = "TECKO_POLLER_MIN_INTERVAL_SECONDS";
    public static final String TICK_MILLIS = "TECKO_POLLER_TICK_MILLIS";
    public static final String CONNECT_TIMEOUT_MILLIS = "TECKO_POLLER_CONNECT_TIMEOUT_MILLIS";
    public static final String READ_TIMEOUT_MILLIS = "TECKO_POLLER_READ_TIMEOUT_MILLIS";
    public static final String MAX_ATTEMPTS = "TECKO_POLLER_MAX_ATTEMPTS";
    public static final String BACKOFF_MILLIS = "TECKO_POLLER_BACKOFF_MILLIS";
    public static final String DEFAULT_BASE_URL = "TECKO_OPENAI_BASE_URL";
    public static final String WEBHOOK_PORT = "TECKO_POLLER_WEBHOOK_PORT";
    public static final String WEBHOOK_SECRET = "TECKO_OPENAI_WEBHOOK_SECRET";
    public static final String WEBHOOK_HANDOVER = "TECKO_POLLER_WEBHOOK_HANDOVER";
    public static final String NOT_FOUND_CHECKS = "TECKO_POLLER_NOT_FOUND_CHECKS";
    public static final String NOT_FOUND_MINUTES = "TECKO_POLLER_NOT_FOUND_MINUTES";
    public static final String TAG_LIST_LAG_SECONDS = "TECKO_POLLER_TAG_LIST_LAG_SECONDS";
    public static final String TAG_MAX_PAGES = "TECKO_POLLER_TAG_MAX_PAGES";
    public static final String TAG_SEALING_MILLIS = "TECKO_POLLER_TAG_SEALING_MILLIS";

    public static PollerSettings from(TeckoConfig config) {
        var defaults = ClientSettings.defaults();
        var client = new ClientSettings(
                Duration.ofMillis(config.integer(CONNECT_TIMEOUT_MILLIS, (int) defaults.connectTimeout().toMillis(), 100, 300_000)),
                Duration.ofMillis(config.integer(READ_TIMEOUT_MILLIS, (int) defaults.readTimeout().toMillis(), 100, 600_000)),
                config.integer(MAX_ATTEMPTS, defaults.maxAttempts(), 1, 10),
                Duration.ofMillis(config.integer(BACKOFF_MILLIS, (int) defaults.backoff().toMillis(), 0, 60_000)),
                defaults.maxBackoff(), defaults.defaultRateLimitWait());
        OptionalInt port = config.optional(WEBHOOK_PORT).isPresent()
                ? OptionalInt.of(config.integer(WEBHOOK_PORT, 0, 0, 65_535)) : OptionalInt.empty();
        String secret = config.optional(WEBHOOK_SECRET).orElse(null);
        if (port.isPresent() && secret == null) {
            throw new ConfigException(WEBHOOK_PORT + " is set, so " + WEBHOOK_SECRET + " (whsec_…) is required to verify webhooks");
        }
        String baseUrl = config.string(DEFAULT_BASE_URL, ProviderEndpoint.DEFAULT_BASE_URL);
        try {
            ProviderEndpoint.parse(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(DEFAULT_BASE_URL + " must be an http(s) URL, got '" + baseUrl + "'");
        }
        return new PollerSettings(
                config.string(GROUP_ID, "tecko-poller"),
                config.integer(CONCURRENCY, 16, 1, 1024),
                new CheckSettings(config.bool(USE_LIST, true), config.integer(LIST_THRESHOLD, 3, 1, 100_000),
                        config.integer(LIST_MAX_PAGES, 100, 1, 10_000)),
                config.integer(MIN_INTERVAL_SECONDS, 10, 1, 86_400),
                Duration.ofMillis(config.integer(TICK_MILLIS, 200, 10, 10_000)),
                client, baseUrl, port, secret,
                // off: each poller acts only on webhooks for its own jobs (as before webhook-handover existed)
                config.bool(WEBHOOK_HANDOVER, true),
                new NotFoundPolicy(config.integer(NOT_FOUND_CHECKS, NotFoundPolicy.DEFAULT.checks(), 1, 1_000),
                        Duration.ofMinutes(config.integer(NOT_FOUND_MINUTES, (int) NotFoundPolicy.DEFAULT.window().toMinutes(), 0, 7 * 24 * 60))),
                // the secrets' base URLs, checked again where the key is used: other teams can write the secrets topic
                TargetAllowList.from(config),
                new TagSettings(Duration.ofSeconds(config.integer(TAG_LIST_LAG_SECONDS, (int) TagSettings.DEFAULTS.listLag().toSeconds(), 0, 3_600)),
                        config.integer(TAG_MAX_PAGES, TagSettings.DEFAULTS.maxPages(), 1, 10_000),
                        Duration.ofMillis(config.integer(TAG_SEALING_MILLIS, (int) TagSettings.DEFAULTS.sealingEvery().toMillis(), 10, 60_000))));
    }

    @Override
    public String toString() {
        return "PollerSettings[groupId=" + groupId + ", concurrency=" + concurrency + ", check=" + check + ", minIntervalSeconds="
                + minIntervalSeconds + ", webhookPort=" + webhookPort + ", webhookSecret=" + (webhookSecret == null ? "unset" : "****")
                + ", webhookHandover=" + webhookHandover + ", tag=" + tag + "]";
    }
}
