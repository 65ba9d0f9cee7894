package dev.tecko.deploy;

import dev.tecko.api.ApiSettings;
import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.observability.http.OpsSettings;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.poller.runtime.PollerRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The long-running {@code tecko} commands, and the port each serves {@code /metrics} and {@code /health/*} on, worked
 * out by the runtimes' own settings classes from a service's environment (so a default changed in the code shows here).
 */
enum Runtime {
    PROCESSOR, POLLER, DISPATCHER;

    /** What health checks probe: every runtime serves it without a token. */
    static final String READINESS_PATH = "/health/ready";

    String command() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The runtime a service runs, if its command is one of them. */
    static Optional<Runtime> of(List<String> command) {
        return command.size() == 1 ? java.util.Arrays.stream(values()).filter(r -> r.command().equals(command.get(0))).findFirst()
                : Optional.empty();
    }

    int port(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        return switch (this) {
            // the token comes from an env file; ApiSettings needs one to read the rest
            case PROCESSOR -> {
                env.putIfAbsent(ApiSettings.TOKEN, "x".repeat(ApiSettings.MIN_TOKEN_LENGTH));
                yield ApiSettings.from(TeckoConfig.of(env)).port();
            }
            case POLLER -> OpsSettings.from(TeckoConfig.of(env), "POLLER", PollerRuntime.DEFAULT_METRICS_PORT).port().orElseThrow();
            case DISPATCHER -> OpsSettings.from(TeckoConfig.of(env), "DISPATCHER", DispatcherRuntime.DEFAULT_METRICS_PORT).port().orElseThrow();
        };
    }

    /** The port with nothing configured. */
    int defaultPort() {
        return port(Map.of());
    }
}
