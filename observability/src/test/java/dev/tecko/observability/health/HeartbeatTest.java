package dev.tecko.observability.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.observability.metrics.RuntimeRegistry;
import dev.tecko.observability.testing.PrometheusScrape;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Heartbeat heartbeat = new Heartbeat(clock, Duration.ofSeconds(30));

    @Test
    void givenALoopThatNeverTurned_whenTimePassesBeyondTheLimit_thenItIsNotReadyAndSaysHowOld() {
        clock.advance(Duration.ofSeconds(31));

        assertThat(heartbeat.isRecent()).isFalse();
        assertThat(heartbeat.check().up()).isFalse();
        assertThat(heartbeat.check().detail()).contains("31000 ms ago").contains("limit 30000 ms");
    }

    @Test
    void givenAStaleHeartbeat_whenTheLoopBeats_thenItIsRecentAgain() {
        clock.advance(Duration.ofMinutes(5));
        heartbeat.beat();
        clock.advance(Duration.ofSeconds(30));

        assertThat(heartbeat.isRecent()).isTrue();
        assertThat(heartbeat.check().up()).isTrue();
    }

    @Test
    void givenARegisteredHeartbeat_whenScraped_thenItsAgeIsAGaugeInSecondsTaggedWithTheRuntime() {
        var registry = RuntimeRegistry.prometheus("poller", "host-1");
        heartbeat.register(registry, "poller");
        clock.advance(Duration.ofMillis(2500));

        var scrape = PrometheusScrape.parse(registry.scrape());

        assertThat(scrape.value("tecko_heartbeat_age_seconds", Map.of("runtime", "poller", "instance_id", "host-1")))
                .hasValue(2.5);
    }
}
