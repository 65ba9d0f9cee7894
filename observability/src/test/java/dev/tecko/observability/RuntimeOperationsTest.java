package dev.tecko.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.observability.testing.OpsClient;
import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeOperationsTest {

    @Test
    void givenPortZero_whenStarted_thenTheEndpointListensOnAFreePortAndServesTheHeartbeat() {
        try (var ops = operations(Map.of("TECKO_POLLER_METRICS_PORT", "0"), 9401).start()) {
            assertThat(ops.port()).isPositive();
            ops.heartbeat().beat();

            var scrape = new OpsClient(ops.port()).scrape();

            assertThat(scrape.labelNames("tecko_heartbeat_age_seconds")).contains("runtime", "instance_id");
            assertThat(new OpsClient(ops.port()).get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void givenMinusOne_whenStarted_thenNoEndpointIsOpened() {
        try (var ops = operations(Map.of("TECKO_POLLER_METRICS_PORT", "-1"), 9401).start()) {
            assertThat(ops.port()).isEqualTo(-1);
        }
    }

    @Test
    void givenAConfiguredPortThatIsTaken_whenStarted_thenStartUpStopsNamingTheVariable() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            var ops = operations(Map.of("TECKO_POLLER_METRICS_PORT", Integer.toString(taken.getLocalPort())), 9401);

            assertThatThrownBy(ops::start).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("TECKO_POLLER_METRICS_PORT").hasMessageContaining("already in use");
            ops.close();
        }
    }

    @Test
    void givenTheDefaultPortIsTaken_whenStarted_thenTheRuntimeRunsWithoutAnEndpoint() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            try (var ops = operations(Map.of(), taken.getLocalPort()).start()) {
                assertThat(ops.port()).isEqualTo(-1);
            }
        }
    }

    @Test
    void givenARegistryFromTheCaller_whenTheRuntimeCounts_thenBothTheCallerAndMetricsSeeIt() {
        var callers = new SimpleMeterRegistry();
        try (var ops = RuntimeOperations.create(TeckoConfig.of(Map.of("TECKO_DISPATCHER_METRICS_PORT", "0")), "dispatcher", 9402,
                callers, Clock.systemUTC()).start()) {
            ops.meters().counter("tecko.dispatcher.skipped").increment();

            assertThat(callers.counter("tecko.dispatcher.skipped").count()).isEqualTo(1.0);
            assertThat(new OpsClient(ops.port()).scrape().value("tecko_dispatcher_skipped_total", Map.of("runtime", "dispatcher")))
                    .hasValue(1.0);
        }
    }

    @Test
    void givenAnInvalidPort_whenConfigured_thenTheVariableIsNamed() {
        assertThatThrownBy(() -> operations(Map.of("TECKO_POLLER_METRICS_PORT", "70000"), 9401))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TECKO_POLLER_METRICS_PORT");
    }

    private static RuntimeOperations operations(Map<String, String> env, int defaultPort) {
        return RuntimeOperations.create(TeckoConfig.of(env), "poller", defaultPort, null, Clock.systemUTC());
    }
}
