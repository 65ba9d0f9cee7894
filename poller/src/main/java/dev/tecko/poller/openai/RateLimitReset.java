package dev.tecko.poller.openai;

import dev.tecko.platform.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a 429 asks us to wait: {@code Retry-After} (seconds or an HTTP date) and OpenAI's
 * {@code x-ratelimit-reset-requests} (a Go duration such as {@code 1s}, {@code 6m0s}, {@code 20ms}); the longer wins.
 */
public final class RateLimitReset {
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RateLimitReset() {
    }

    public static Instant until(String retryAfter, String resetRequests, Instant now, Duration fallback) {
        Optional<Duration> a = RetryAfter.parse(retryAfter, now);
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
