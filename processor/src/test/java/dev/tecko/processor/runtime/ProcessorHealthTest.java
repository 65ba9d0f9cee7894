package dev.tecko.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.observability.health.Heartbeat;
import dev.tecko.observability.health.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Readiness and liveness of the processor as Kafka Streams' state, the heartbeat and a shutdown move them. */
class ProcessorHealthTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Heartbeat heartbeat = new Heartbeat(clock, Duration.ofSeconds(60));
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ProcessorHealth health = new ProcessorHealth(state::get, heartbeat, stopping::get);

    private Readiness.Report ready() {
        var readiness = new Readiness();
        health.readinessChecks().forEach(readiness::add);
        return readiness.report();
    }

    private Readiness.Report live() {
        var liveness = new Readiness();
        health.livenessChecks().forEach(liveness::add);
        return liveness.report();
    }

    @Test
    void givenStreamsStarting_whenAsked_thenAliveButNotReady() {
        assertThat(live().up()).isTrue();
        assertThat(ready().failing()).containsExactly("streams");
    }

    @Test
    void givenStreamsRunningAndARecentBeat_whenAsked_thenReady() {
        state.set(State.RUNNING);
        clock.advance(Duration.ofSeconds(30));
        heartbeat.beat();

        assertThat(ready().up()).isTrue();
    }

    @Test
    void givenStreamsRebalancing_whenAsked_thenNotReadyButAlive() {
        state.set(State.REBALANCING);

        assertThat(ready().failing()).containsExactly("streams");
        assertThat(ready().checks().get("streams").detail()).contains("REBALANCING");
        assertThat(live().up()).isTrue();
    }

    @Test
    void givenStreamsRunningButNoBeatForLongerThanTheLimit_whenAsked_thenNotReadyNamingTheHeartbeat() {
        state.set(State.RUNNING);
        heartbeat.beat();
        clock.advance(Duration.ofSeconds(61));

        assertThat(ready().failing()).containsExactly("heartbeat");

        heartbeat.beat();
        assertThat(ready().up()).as("a beat makes it ready again").isTrue();
    }

    @Test
    void givenStreamsFailedOrStoppedUnasked_whenAsked_thenNotAlive() {
        for (State dead : new State[] {State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING, State.PENDING_SHUTDOWN}) {
            state.set(dead);
            assertThat(live().failing()).as(dead.name()).containsExactly("streams");
        }
    }

    @Test
    void givenTheRuntimeIsStopping_whenAsked_thenNeitherAliveNorReadyAndOnlyStoppingIsBlamed() {
        state.set(State.PENDING_SHUTDOWN);
        stopping.set(true);

        assertThat(live().failing()).containsExactly("stopping");
        assertThat(ready().failing()).contains("stopping");
    }
}
