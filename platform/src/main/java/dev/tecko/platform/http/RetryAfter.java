package dev.tecko.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header (RFC 9110, section 10.2.3): delay seconds, or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * How long the header asks to wait from {@code now}: seconds (a fraction is honoured, as some servers send one), or
     * the time until an HTTP date (zero when it has passed). Empty when the header is absent or unreadable.
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds) ? Optional.empty()
                    : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
