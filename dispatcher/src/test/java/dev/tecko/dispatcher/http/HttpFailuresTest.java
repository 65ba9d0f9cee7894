package dev.tecko.dispatcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void givenStatuses_whenClassified_thenOnly408And429And5xxAreRetried() {
        assertThat(HttpFailures.fromResponse("POST x", 408, null, "", "t", clock)).isInstanceOf(RetryableDeliveryException.class);
        assertThat(HttpFailures.fromResponse("POST x", 503, "3", "", "t", clock))
                .isInstanceOfSatisfying(RetryableDeliveryException.class, e -> {
                    assertThat(e.ambiguous()).isFalse();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                });
        assertThat(HttpFailures.fromResponse("POST x", 403, null, "", "t", clock)).isInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void givenAnErrorBody_whenDescribed_thenKeboolasOrAGenericMessageIsUsedShortAndRedacted() {
        assertThat(HttpFailures.fromResponse("POST x", 400, null, "{\"message\":\"bad secret-1\"}", "secret-1", clock).getMessage())
                .isEqualTo("POST x answered 400: bad ****");
        assertThat(HttpFailures.fromResponse("POST x", 400, null, "plain text", "tok-1", clock).getMessage())
                .isEqualTo("POST x answered 400: plain text");
        assertThat(HttpFailures.fromResponse("POST x", 400, null, "x".repeat(2000), "tok-1", clock).getMessage()).hasSizeLessThan(600);
        assertThat(Redaction.redact("abc", null)).isEqualTo("abc");
    }

    @Test
    void givenAnEchoedTokenWhereTheLongBodyIsCut_whenDescribed_thenNoPartOfTheTokenIsLeft() {
        String token = "kbc-straddling-secret-token";
        // the body is cut at about 500 characters: the token begins just before the cut, as an unkind service might send it
        String body = "y".repeat(490) + token + " and more";

        String message = HttpFailures.fromResponse("POST x", 503, null, body, token, clock).getMessage();

        assertThat(message).doesNotContain(token.substring(0, 7)).contains(Redaction.MASK);
    }

    @Test
    void givenIoErrors_whenClassified_thenTheyAreRetryableAndAmbiguous() {
        assertThat(HttpFailures.fromIo("POST x", new InterruptedIOException("timeout")).getMessage()).isEqualTo("POST x timed out: InterruptedIOException (timeout)");
        assertThat(HttpFailures.fromIo("POST x", new IOException()).ambiguous()).isTrue();
    }
}
