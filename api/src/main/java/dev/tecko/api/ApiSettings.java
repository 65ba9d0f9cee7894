package dev.tecko.api;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.targets.TargetAllowList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * The REST API's settings, from {@code TECKO_API_*} (docs/api.md, "Configuration").
 *
 * @param advertisedHost the host other instances reach this one at (forwarded reads); {@code TECKO_API_ADVERTISED_HOST},
 *                       else the bind address when it is a specific one, else this machine's host name
 * @param targetHosts    extra allowed target host patterns ({@code *.example.com} or {@code host.example.com})
 */
public record ApiSettings(
        boolean enabled,
        String bind,
        int port,
        String advertisedHost,
        String token,
        Duration commandTimeout,
        List<String> targetHosts,
        boolean allowLoopback,
        boolean forwardInsecure) {

    public static final String ENABLED = "TECKO_API_ENABLED";
    public static final String BIND = "TECKO_API_BIND";
    public static final String PORT = "TECKO_API_PORT";
    public static final String ADVERTISED_HOST = "TECKO_API_ADVERTISED_HOST";
    public static final String TOKEN = "TECKO_API_TOKEN";
    public static final String COMMAND_TIMEOUT_MS = "TECKO_API_COMMAND_TIMEOUT_MS";
    public static final String TARGET_HOSTS = TargetAllowList.TARGET_HOSTS;
    public static final String ALLOW_LOOPBACK = TargetAllowList.ALLOW_LOOPBACK;
    /** Whether reads may be forwarded, with the caller's token, over plain http to an owner on another host. */
    public static final String FORWARD_INSECURE = "TECKO_API_FORWARD_INSECURE";
    public static final int MIN_TOKEN_LENGTH = 16;

    public static ApiSettings from(TeckoConfig config) {
        boolean enabled = config.bool(ENABLED, true);
        String bind = config.string(BIND, "0.0.0.0");
        int port = config.integer(PORT, 8080, 0, 65_535);
        String token = enabled ? token(config) : "";
        return new ApiSettings(enabled, bind, port, config.optional(ADVERTISED_HOST).orElseGet(() -> advertisedDefault(bind)), token,
                Duration.ofMillis(config.number(COMMAND_TIMEOUT_MS, 10_000, 100, 600_000)), targetHosts(config),
                config.bool(ALLOW_LOOPBACK, false), config.bool(FORWARD_INSECURE, false));
    }

    private static String token(TeckoConfig config) {
        String token = config.optional(TOKEN).orElseThrow(() -> new ConfigException(
                TOKEN + " is required: the bearer token clients of the REST API send (at least " + MIN_TOKEN_LENGTH + " characters)"));
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException(TOKEN + " must be at least " + MIN_TOKEN_LENGTH + " characters long, it has " + token.length());
        }
        return token;
    }

    private static String advertisedDefault(String bind) {
        if (!bind.equals("0.0.0.0") && !bind.equals("::") && !bind.equals("[::]")) {
            return bind;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static List<String> targetHosts(TeckoConfig config) {
        return TargetAllowList.configuredHosts(config);
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "ApiSettings[enabled=" + enabled + ", bind=" + bind + ", port=" + port + ", advertisedHost=" + advertisedHost
                + ", token=****, commandTimeout=" + commandTimeout + ", targetHosts=" + targetHosts + ", allowLoopback=" + allowLoopback + ", forwardInsecure=" + forwardInsecure + "]";
    }
}
