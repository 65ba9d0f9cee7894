package dev.tecko.poller.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitResetTest {
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void givenSecondsOrAnHttpDate_whenParsed_thenTheWaitIsRead() {
        assertThat(RateLimitReset.until("12", null, now, Duration.ofSeconds(1))).isEqualTo(now.plusSeconds(12));
        assertThat(RateLimitReset.until("0.5", null, now, Duration.ofSeconds(1))).isEqualTo(now.plusMillis(500));
        assertThat(RateLimitReset.until("Thu, 01 Jan 2026 00:01:00 GMT", null, now, Duration.ofSeconds(1))).isEqualTo(now.plusSeconds(60));
        assertThat(RateLimitReset.until("Wed, 31 Dec 2025 00:01:00 GMT", null, now, Duration.ofSeconds(1))).isEqualTo(now);
    }

    @Test
    void givenGoDurations_whenParsed_thenEveryUnitCounts() {
        assertThat(RateLimitReset.goDuration("20ms")).contains(Duration.ofMillis(20));
        assertThat(RateLimitReset.goDuration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(RateLimitReset.goDuration("1h2m3s")).contains(Duration.ofSeconds(3723));
        assertThat(RateLimitReset.goDuration("soon")).isEmpty();
        assertThat(RateLimitReset.goDuration("5s later")).isEmpty();
    }

    @Test
    void givenNothingUsable_whenParsed_thenTheFallbackApplies() {
        assertThat(RateLimitReset.until(null, "", now, Duration.ofSeconds(7))).isEqualTo(now.plusSeconds(7));
        assertThat(RateLimitReset.until("garbage", "garbage", now, Duration.ofSeconds(7))).isEqualTo(now.plusSeconds(7));
        assertThat(RateLimitReset.until("2", "10s", now, Duration.ofSeconds(7))).isEqualTo(now.plusSeconds(10));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("given Anthropic's RFC 3339 reset and Google's RetryInfo when parsed then each counts and the latest of all wins")
    void givenAnthropicAndGoogleResets_whenParsed_thenTheLatestWins() {
        assertThat(RateLimitReset.until("3", null, "2026-01-01T00:00:20Z", null, now, Duration.ofSeconds(7))).isEqualTo(now.plusSeconds(20));
        assertThat(RateLimitReset.until("30", null, "2026-01-01T01:00:20+01:00", null, now, Duration.ofSeconds(7)))
                .as("an offset is read, and the later Retry-After wins").isEqualTo(now.plusSeconds(30));
        assertThat(RateLimitReset.until(null, null, "2025-12-31T23:00:00Z", null, now, Duration.ofSeconds(7))).isEqualTo(now);
        assertThat(RateLimitReset.until(null, null, null, "{\"details\":[{\"retryDelay\": \"1.5s\"}]}", now, Duration.ofSeconds(7)))
                .isEqualTo(now.plusMillis(1500));
        assertThat(RateLimitReset.until(null, null, "soon", "{\"retryDelay\":\"forever\"}", now, Duration.ofSeconds(7)))
                .isEqualTo(now.plusSeconds(7));
    }
}
