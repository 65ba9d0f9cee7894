package dev.tecko.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void givenDelaySeconds_whenParsed_thenThatLongIncludingAFraction() {
        assertThat(RetryAfter.parse("12", NOW)).contains(Duration.ofSeconds(12));
        assertThat(RetryAfter.parse(" 0.5 ", NOW)).contains(Duration.ofMillis(500));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
    }

    @Test
    void givenAnHttpDate_whenParsed_thenTheTimeUntilItOrZeroWhenPassed() {
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:01:00 GMT", NOW)).contains(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 00:01:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void givenNothingOrGarbageOrANegativeDelay_whenParsed_thenEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("  ", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("NaN", NOW)).isEmpty();
    }
}
