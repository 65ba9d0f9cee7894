package dev.tecko.dispatcher.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.platform.http.RetryAfter;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;

/** Turns a non-2xx answer or an IO error into the right {@link DeliveryException}, with a message safe to show. */
public final class HttpFailures {
    private static final int MAX_MESSAGE = 500;

    private HttpFailures() {
    }

    /**
     * @param what       what was being done, e.g. {@code "POST https://queue.keboola.com/jobs"}
     * @param secret     the credential that was sent, removed from anything the target echoed
     */
    public static DeliveryException fromResponse(String what, int status, String retryAfterHeader, String body, String secret,
                                                 Clock clock) {
        // the body is redacted before it is cut: a credential straddling the cut would otherwise leave its first part behind
        String message = Redaction.redact(what + " answered " + status + errorDetail(Redaction.redact(body, secret)), secret);
        if (status == 408 || status == 429 || status >= 500) {
            // 503 and 429 say the request was not processed; any other 5xx (and 408) leaves it open
            boolean ambiguous = status != 503 && status != 429;
            return new RetryableDeliveryException(message, status, RetryAfter.parse(retryAfterHeader, clock.instant()).orElse(null), ambiguous);
        }
        return new PermanentDeliveryException(message, status);
    }

    public static RetryableDeliveryException fromIo(String what, IOException e) {
        String kind = e instanceof InterruptedIOException ? "timed out" : "failed";
        // refused or unresolvable: no byte of the request reached the target, so it cannot have acted on it
        boolean neverSent = e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException;
        // the exception's message may hold a URL but never a header, so it is safe
        return new RetryableDeliveryException(what + " " + kind + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), null, null, !neverSent);
    }

    /** Keboola answers {@code {"error": "...", "code": 400, "status": "error", "exceptionId": "..."}}. */
    static String errorDetail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String detail;
        try {
            JsonNode json = Json.mapper().readTree(body);
            JsonNode error = json.path("error");
            JsonNode message = json.path("message");
            String text = error.isTextual() ? error.asText() : message.isTextual() ? message.asText() : body.strip();
            JsonNode exceptionId = json.path("exceptionId");
            detail = exceptionId.isTextual() ? text + " (exceptionId " + exceptionId.asText() + ")" : text;
        } catch (IOException | RuntimeException notJson) {
            detail = body.strip();
        }
        if (detail.length() > MAX_MESSAGE) {
            detail = detail.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return ": " + detail;
    }
}
