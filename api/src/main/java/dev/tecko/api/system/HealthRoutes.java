package dev.tecko.api.system;

import dev.tecko.observability.health.CheckResult;
import dev.tecko.observability.health.HealthCheck;
import dev.tecko.observability.health.Readiness;
import dev.tecko.processor.query.QueryableProcessor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The health routes, without a token:
 * <ul>
 *   <li>{@code GET /api/health}: the web UI's summary, up while Kafka Streams runs or rebalances and the broker answers;</li>
 *   <li>{@code GET /health/ready}: the readiness probe, the same body as the poller's and dispatcher's: every check
 *       ({@code stopping}, {@code streams} RUNNING, {@code heartbeat} recent, {@code broker} reachable) with its detail, and on 503 the
 *       {@code failing} ones;</li>
 *   <li>{@code GET /health/live}: the liveness probe, in the same shape; 503 only when stopping or when Streams failed
 *       or stopped without being asked to.</li>
 * </ul>
 */
public final class HealthRoutes {
    private final Supplier<? extends QueryableProcessor> runtime;
    private final BrokerProbe broker;

    /** @param runtime null until the runtime started (the server binds first, to learn its port) */
    public HealthRoutes(Supplier<? extends QueryableProcessor> runtime, BrokerProbe broker) {
        this.runtime = runtime;
        this.broker = broker;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/health", this::summary);
        routes.get("/health/ready", this::ready);
        routes.get("/health/live", this::live);
    }

    private void summary(Context ctx) {
        QueryableProcessor processor = runtime.get();
        KafkaStreams.State state = processor == null ? KafkaStreams.State.CREATED : processor.state();
        boolean streamsUp = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        boolean brokerUp = broker.reachable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", streamsUp && brokerUp ? "UP" : "DOWN");
        body.put("streams", state.name());
        body.put("broker", brokerUp ? "reachable" : "unreachable");
        ctx.status(streamsUp && brokerUp ? 200 : 503).json(body);
    }

    private void ready(Context ctx) {
        QueryableProcessor processor = runtime.get();
        var readiness = new Readiness();
        if (processor == null) {
            readiness.add(new FixedCheck("streams", CheckResult.down("not started yet")));
        } else {
            processor.readinessChecks().forEach(readiness::add);
        }
        respond(ctx, readiness.add(broker).report());
    }

    private void live(Context ctx) {
        QueryableProcessor processor = runtime.get();
        var liveness = new Readiness();
        if (processor == null) {
            liveness.add(new FixedCheck("streams", CheckResult.up("not started yet")));
        } else {
            processor.livenessChecks().forEach(liveness::add);
        }
        respond(ctx, liveness.report());
    }

    private static void respond(Context ctx, Readiness.Report report) {
        ctx.status(report.up() ? 200 : 503).json(report.toJson());
    }

    private record FixedCheck(String name, CheckResult result) implements HealthCheck {
        @Override
        public CheckResult check() {
            return result;
        }
    }
}
