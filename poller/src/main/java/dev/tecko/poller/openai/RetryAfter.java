package dev.tecko.poller.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a 429 asks us to wait: {@code Retry-After} (seconds or an HTTP date) and OpenAI's
 * {@code x-ratelimit-reset-requests} (a Go duration such as {@code 1s}, {@code 6m0s}, {@code 20ms}); the longer wins.
 */
public final class RetryAfter {
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RetryAfter() {
    }

    public static Instant until(String retryAfter, String resetRequests, Instant now, Duration fallback) {
        Optional<Duration> a = retryAfter(retryAfter, now);
        Optional<Duration> b = goDuration(resetRequests);
        Duration wait = a.orElse(Duration.ZERO);
        if (b.isPresent() && b.get().compareTo(wait) > 0) {
            wait = b.get();
        }
        if (a.isEmpty() && b.isEmpty()) {
            wait = fallback;
        }
        return now.plus(wait);
    }

    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v) * 1000))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    static Optional<Duration> goDuration(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = GO_DURATION_PART.matcher(value.trim());
        double millis = 0;
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
            end = m.end();
            any = true;
        }
        return any && end == value.trim().length() ? Optional.of(Duration.ofMillis(Math.round(millis))) : Optional.empty();
    }
}
