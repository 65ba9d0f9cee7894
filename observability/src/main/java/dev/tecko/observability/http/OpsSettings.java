package dev.tecko.observability.http;

import dev.tecko.platform.config.TeckoConfig;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A runtime's operations settings, {@code TECKO_<RUNTIME>_METRICS_PORT} and {@code TECKO_<RUNTIME>_READY_MAX_LOOP_AGE_SECONDS}.
 *
 * @param port          empty when the endpoint is off ({@code -1}); 0 = any free port
 * @param portExplicit  whether the port was configured: a configured port that is taken stops start-up, while a taken
 *                      default port (two runtimes of one kind in one JVM, as in tests) only turns the endpoint off
 * @param maxLoopAge    how old the heartbeat may be for the instance to be ready
 */
public record OpsSettings(OptionalInt port, boolean portExplicit, Duration maxLoopAge) {
    public static final int OFF = -1;

    /**
     * @param runtime     upper-case name in the variables, e.g. {@code POLLER}
     * @param defaultPort the port used when none is configured
     */
    public static OpsSettings from(TeckoConfig config, String runtime, int defaultPort) {
        String portName = portVariable(runtime);
        int port = config.integer(portName, defaultPort, OFF, 65_535);
        int maxAge = config.integer("TECKO_" + runtime + "_READY_MAX_LOOP_AGE_SECONDS", 60, 1, 86_400);
        return new OpsSettings(port == OFF ? OptionalInt.empty() : OptionalInt.of(port), config.optional(portName).isPresent(),
                Duration.ofSeconds(maxAge));
    }

    public static String portVariable(String runtime) {
        return "TECKO_" + runtime + "_METRICS_PORT";
    }
}
