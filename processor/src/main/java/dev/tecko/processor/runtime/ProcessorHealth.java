package dev.tecko.processor.runtime;

import dev.tecko.observability.health.CheckResult;
import dev.tecko.observability.health.HealthCheck;
import dev.tecko.observability.health.Heartbeat;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the processor is alive and ready, from Kafka Streams' state, the stream threads' heartbeat and whether the
 * runtime is shutting down. The broker check is added by whoever has a broker probe (the API).
 */
public final class ProcessorHealth {
    /** States Streams only reaches by failing or being closed: without a close of ours, a restart is the cure. */
    private static final Set<State> DEAD = Set.of(State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING, State.PENDING_SHUTDOWN);

    private final Supplier<KafkaStreams.State> state;
    private final Heartbeat heartbeat;
    private final BooleanSupplier stopping;

    public ProcessorHealth(Supplier<KafkaStreams.State> state, Heartbeat heartbeat, BooleanSupplier stopping) {
        this.state = state;
        this.heartbeat = heartbeat;
        this.stopping = stopping;
    }

    /**
     * Alive unless stopping, or Streams failed or stopped without being asked to. Starting ({@code CREATED}) and
     * rebalancing are alive: restarting an instance for rebalancing would only cause another rebalance.
     */
    public List<HealthCheck> livenessChecks() {
        return List.of(notStopping(), check("streams", () -> {
            State now = state.get();
            return DEAD.contains(now) && !stopping.getAsBoolean() ? CheckResult.down(now + " without being stopped")
                    : CheckResult.up(now.name());
        }));
    }

    /** Streams {@code RUNNING} (not rebalancing: its tasks are not all assigned and restored), and the heartbeat recent. */
    public List<HealthCheck> readinessChecks() {
        return List.of(notStopping(), check("streams", () -> {
            State now = state.get();
            return now == State.RUNNING ? CheckResult.up("RUNNING") : CheckResult.down(now + " (ready only when RUNNING)");
        }), heartbeat);
    }

    private HealthCheck notStopping() {
        return check("stopping", () -> stopping.getAsBoolean() ? CheckResult.down("shutting down") : CheckResult.up("no"));
    }

    private static HealthCheck check(String name, Supplier<CheckResult> result) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckResult check() {
                return result.get();
            }
        };
    }
}
