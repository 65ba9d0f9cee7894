package dev.tecko.poller.provider;

import dev.tecko.platform.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a 429 asks us to wait; the longest of what the provider says wins: {@code Retry-After} (seconds or an HTTP
 * date, every provider), OpenAI's {@code x-ratelimit-reset-requests} (a Go duration such as {@code 1s}, {@code 6m0s},
 * {@code 20ms}), Anthropic's {@code anthropic-ratelimit-requests-reset} (an RFC 3339 instant) and Google's
 * {@code RetryInfo.retryDelay} in the error body (a protobuf duration such as {@code 27s} or {@code 1.5s}).
 */
public final class RateLimitReset {
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Pattern RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d{1,9}(?:\\.\\d{1,9})?)s\"");

    private RateLimitReset() {
    }

    public static Instant until(String retryAfter, String resetRequests, Instant now, Duration fallback) {
        return until(retryAfter, resetRequests, null, null, now, fallback);
    }

    /**
     * @param anthropicReset {@code anthropic-ratelimit-requests-reset}
     * @param errorBody the start of the 429's body (Google's {@code RetryInfo}), or null
     */
    public static Instant until(String retryAfter, String resetRequests, String anthropicReset, String errorBody, Instant now,
                                Duration fallback) {
        Optional<Duration> wait = longest(longest(RetryAfter.parse(retryAfter, now), goDuration(resetRequests)),
                longest(rfc3339(anthropicReset, now), retryDelay(errorBody)));
        return now.plus(wait.orElse(fallback));
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    static Optional<Duration> rfc3339(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration wait = Duration.between(now, OffsetDateTime.parse(value.trim()).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> retryDelay(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = RETRY_DELAY.matcher(body);
        return m.find() ? Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000))) : Optional.empty();
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
