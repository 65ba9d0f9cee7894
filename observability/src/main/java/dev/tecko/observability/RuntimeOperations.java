package dev.tecko.observability;

import dev.tecko.observability.health.Heartbeat;
import dev.tecko.observability.health.Readiness;
import dev.tecko.observability.http.OpsServer;
import dev.tecko.observability.http.OpsSettings;
import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.observability.metrics.RuntimeRegistry;
import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a runtime needs to be operated, in one piece: its registry (Prometheus, common tags), a heartbeat of its
 * main loop, its readiness checks (the heartbeat first; the runtime adds its own), its Kafka client binders, and the
 * {@code /metrics} + {@code /health/*} endpoint on {@code TECKO_<RUNTIME>_METRICS_PORT}.
 */
public final class RuntimeOperations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RuntimeOperations.class);

    private final String runtime;
    private final OpsSettings settings;
    private final RuntimeRegistry registry;
    private final Heartbeat heartbeat;
    private final Readiness readiness = new Readiness();
    private final KafkaClientBinders kafka;
    private volatile boolean stopping;
    private OpsServer server;

    private RuntimeOperations(String runtime, OpsSettings settings, RuntimeRegistry registry, Clock clock) {
        this.runtime = runtime;
        this.settings = settings;
        this.registry = registry;
        this.heartbeat = new Heartbeat(clock, settings.maxLoopAge()).register(registry.meters(), runtime);
        this.readiness.add(heartbeat);
        this.kafka = new KafkaClientBinders(registry.meters());
    }

    /**
     * @param runtime     lower-case runtime name: the {@code runtime} tag, and upper-cased in the variables' names
     * @param defaultPort the endpoint's port when {@code TECKO_<RUNTIME>_METRICS_PORT} is not set
     * @param given       the registry the caller wants the meters in, or null for a new Prometheus registry
     */
    public static RuntimeOperations create(TeckoConfig config, String runtime, int defaultPort, MeterRegistry given, Clock clock) {
        var settings = OpsSettings.from(config, runtime.toUpperCase(Locale.ROOT), defaultPort);
        var registry = given == null ? RuntimeRegistry.create(runtime) : RuntimeRegistry.around(given, runtime);
        return new RuntimeOperations(runtime, settings, registry, clock);
    }

    /** Opens the endpoint, unless it is off. */
    public synchronized RuntimeOperations start() {
        if (server != null || settings.port().isEmpty()) {
            return this;
        }
        int port = settings.port().getAsInt();
        try {
            server = new OpsServer(port, registry.scrape(), readiness, () -> stopping, runtime).start();
            log.info("{} metrics and health on port {} ({}, {}, {})", runtime, server.port(), OpsServer.METRICS, OpsServer.LIVE,
                    OpsServer.READY);
        } catch (BindException e) {
            String variable = OpsSettings.portVariable(runtime.toUpperCase(Locale.ROOT));
            if (settings.portExplicit()) {
                throw new ConfigException(variable + ": port " + port + " is already in use", e);
            }
            log.warn("{} metrics and health endpoint off: default port {} is already in use (set {})", runtime, port, variable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the " + runtime + " metrics endpoint on port " + port, e);
        }
        return this;
    }

    public MeterRegistry meters() {
        return registry.meters();
    }

    public PrometheusMeterRegistry scrapeRegistry() {
        return registry.scrape();
    }

    public Heartbeat heartbeat() {
        return heartbeat;
    }

    public Readiness readiness() {
        return readiness;
    }

    public KafkaClientBinders kafka() {
        return kafka;
    }

    /** The endpoint's bound port, or -1 when it is off. */
    public synchronized int port() {
        return server == null ? -1 : server.port();
    }

    /** From now on liveness and readiness answer 503: the runtime is shutting down. */
    public void stopping() {
        stopping = true;
    }

    @Override
    public synchronized void close() {
        stopping = true;
        if (server != null) {
            server.close();
            server = null;
        }
        kafka.close();
    }
}
