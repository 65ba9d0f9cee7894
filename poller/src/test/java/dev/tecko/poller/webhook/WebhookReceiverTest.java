package dev.tecko.poller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.platform.webhooks.StandardWebhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StandardWebhooks signer = new StandardWebhooks(SECRET);
    private volatile WebhookReceiver.Outcome outcome = WebhookReceiver.Outcome.ACCEPTED;
    private final List<WebhookReceiver.BatchEvent> events = new CopyOnWriteArrayList<>();
    private final WebhookReceiver receiver = new WebhookReceiver(0, signer, clock, event -> {
        events.add(event);
        fetched.add(event.batchId());
        return outcome;
    }, meters).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        receiver.close();
    }

    private static String event(String type, String batchId) {
        return "{\"id\":\"evt_1\",\"object\":\"event\",\"created_at\":1767225600,\"type\":\"" + type + "\",\"data\":{\"id\":\"" + batchId + "\"}}";
    }

    private int post(String body, String id, Long timestamp, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (id != null) {
            request.header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int signed(String body) throws Exception {
        long ts = clock.instant().getEpochSecond();
        return post(body, "msg_1", ts, signer.sign("msg_1", ts, body));
    }

    private double count(String result) {
        return meters.counter("tecko.poller.webhooks", "result", result).count();
    }

    @Test
    void givenAValidBatchEvent_whenPosted_thenAcceptedAndTheBatchFetched() throws Exception {
        for (String type : List.of("batch.completed", "batch.failed", "batch.expired", "batch.cancelled")) {
            assertThat(signed(event(type, "batch_" + type.substring(6)))).isEqualTo(200);
        }
        assertThat(fetched).containsExactly("batch_completed", "batch_failed", "batch_expired", "batch_cancelled");
        assertThat(count("accepted")).isEqualTo(4);
    }

    @Test
    void givenATamperedBody_whenPosted_thenRejectedAndCounted() throws Exception {
        long ts = clock.instant().getEpochSecond();
        String body = event("batch.completed", "batch_a");
        String signature = signer.sign("msg_1", ts, body);
        assertThat(post(body.replace("batch_a", "batch_b"), "msg_1", ts, signature)).isEqualTo(401);
        assertThat(fetched).isEmpty();
        assertThat(count("rejected_bad_signature")).isEqualTo(1);
    }

    @Test
    void givenAReplayTooLate_whenPosted_thenRejected() throws Exception {
        long old = clock.instant().minusSeconds(301).getEpochSecond();
        String body = event("batch.completed", "batch_a");
        assertThat(post(body, "msg_1", old, signer.sign("msg_1", old, body))).isEqualTo(401);
        assertThat(count("rejected_timestamp_out_of_tolerance")).isEqualTo(1);
        assertThat(fetched).isEmpty();
    }

    @Test
    void givenAnUnsignedRequest_whenPosted_thenRejected() throws Exception {
        assertThat(post(event("batch.completed", "batch_a"), null, null, null)).isEqualTo(401);
        assertThat(count("rejected_missing_headers")).isEqualTo(1);
        assertThat(fetched).isEmpty();
    }

    @Test
    void givenOtherEventsOrJunk_whenSigned_thenIgnoredOrBadRequestAndNothingFetched() throws Exception {
        assertThat(signed(event("response.completed", "resp_1"))).isEqualTo(200);
        assertThat(signed("{\"type\":\"batch.completed\",\"data\":{}}")).isEqualTo(200);
        assertThat(signed("not json")).isEqualTo(400);
        assertThat(fetched).isEmpty();
        assertThat(count("ignored")).isEqualTo(2);
        var get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)).GET().build();
        assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    @DisplayName("given a verified batch event when handled then the handler gets the batch, the webhook-id, the type and the time")
    void givenAVerifiedEvent_whenHandled_thenTheHandlerGetsIdTypeAndTime() throws Exception {
        assertThat(signed(event("batch.completed", "batch_a"))).isEqualTo(200);
        assertThat(events).containsExactly(new WebhookReceiver.BatchEvent("batch_a", "msg_1", "batch.completed", clock.instant()));
    }

    @Test
    @DisplayName("given the handover cannot be made (index not read yet, or the write failed) when a batch event arrives then 503, so OpenAI retries")
    void givenNoHandover_whenPosted_then503AndCounted() throws Exception {
        outcome = WebhookReceiver.Outcome.NOT_READY;
        assertThat(signed(event("batch.completed", "batch_a"))).isEqualTo(503);
        outcome = WebhookReceiver.Outcome.FAILED;
        assertThat(signed(event("batch.completed", "batch_a"))).isEqualTo(503);
        outcome = WebhookReceiver.Outcome.UNKNOWN_BATCH;
        assertThat(signed(event("batch.completed", "batch_a"))).isEqualTo(200);
        assertThat(count("not_ready")).isEqualTo(1);
        assertThat(count("handover_failed")).isEqualTo(1);
        assertThat(count("unknown_batch")).isEqualTo(1);
        assertThat(count("accepted")).isZero();
    }

    @Test
    @DisplayName("given a handler that throws when a batch event arrives then 503, never a 2xx that would lose the event")
    void givenAThrowingHandler_whenPosted_then503() throws Exception {
        try (var failing = new WebhookReceiver(0, signer, clock, event -> {
            throw new IllegalStateException("broker gone");
        }, meters).start()) {
            long ts = clock.instant().getEpochSecond();
            String body = event("batch.completed", "batch_a");
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + failing.port() + WebhookReceiver.PATH))
                    .header("webhook-id", "msg_1").header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", signer.sign("msg_1", ts, body)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        }
    }
}
