package dev.tecko.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JitterTest {
    @Test
    void givenASeededRandom_whenJittered_thenValuesStayInBoundsAndSpreadOut() {
        long seed = 42;
        var jitter = new Jitter(new Random(seed), 0.1);
        var distinct = new HashSet<Duration>();
        for (int i = 0; i < 10_000; i++) {
            Duration around = jitter.around(Duration.ofSeconds(100));
            assertThat(around).as("seed %d", seed).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(110));
            Duration initial = jitter.initial(Duration.ofSeconds(100));
            assertThat(initial).isBetween(Duration.ZERO, Duration.ofSeconds(50));
            distinct.add(initial);
        }
        assertThat(distinct).as("polls of jobs loaded together are spread").hasSizeGreaterThan(5_000);
    }

    @Test
    void givenABadSpread_whenBuilt_thenRefused() {
        assertThatThrownBy(() -> new Jitter(new Random(), 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Jitter(new Random(), -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
