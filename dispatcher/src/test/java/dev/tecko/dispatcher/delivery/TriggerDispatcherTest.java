package dev.tecko.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.dispatcher.webhook.WebhookClient;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.platform.webhooks.StandardWebhooks;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TriggerDispatcherTest {
    private static final String TOKEN = "kbc-SECRET-token";
    private static final String WEBHOOK_KEY = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String JOB = "{\"id\":\"%s\",\"runId\":\"%s\",\"status\":\"created\",\"url\":\"https://queue/jobs/%s\","
            + "\"component\":\"comp\",\"config\":\"cfg\",\"createdTime\":\"2026-01-01T10:00:00+00:00\","
            + "\"variableValuesData\":{\"values\":[%s]}}";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final List<Duration> waits = new ArrayList<>();

    private TriggerDispatcher dispatcher(RetryPolicy retry, BreakerPolicy breaker, ResilientCaller[] callerOut) {
        SecretSource secrets = name -> switch (name) {
            case "kbc" -> Optional.of(new Secret(name, SecretType.KEBOOLA, null, TOKEN));
            case "hook" -> Optional.of(new Secret(name, SecretType.WEBHOOK, null, WEBHOOK_KEY));
            default -> Optional.empty();
        };
        var http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2));
        var caller = new ResilientCaller(retry, breaker, clock, Waiter.SLEEPING, (type, outcome) -> attempts.add(type + ":" + outcome));
        if (callerOut != null) {
            callerOut[0] = caller;
        }
        Waiter recordingWaiter = (d, cancelled) -> waits.add(d);
        return new TriggerDispatcher(secrets, new KeboolaQueueClient(http, clock), new WebhookClient(http, clock), caller,
                new TriggerDispatcher.Recovery(Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ZERO), new TargetAllowList(List.of(), true), clock, recordingWaiter);
    }

    private TriggerDispatcher dispatcher() {
        return dispatcher(new RetryPolicy(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50)),
                new BreakerPolicy(100, 50, Duration.ofSeconds(1)), null);
    }

    private TriggerCommand trigger(String secret) {
        return TriggerCommand.of("job-1", "job", 1, TriggerTarget.keboola(server.url("/").toString(), "comp", "cfg", secret),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private String job(String id, TriggerCommand trigger) {
        var values = new StringBuilder();
        trigger.variables().forEach((k, v) -> values.append(values.isEmpty() ? "" : ",")
                .append("{\"name\":\"").append(k).append("\",\"value\":\"").append(v.replace("\"", "\\\"")).append("\"}"));
        return JOB.formatted(id, id, id, values);
    }

    private static MockResponse answer(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    private TriggerResult send(TriggerDispatcher d, TriggerCommand t) {
        return d.dispatch(t, DispatchMark.sent(t, null, clock.instant()), false, () -> false);
    }

    @Test
    void givenA503ThenA500_whenDispatched_thenThe503IsRetriedAtOnceAndThe500IsSettledBySearchNeverBySendingAgain() throws Exception {
        TriggerCommand t = trigger("kbc");
        server.enqueue(answer(503, "{\"error\":\"down\"}"));
        server.enqueue(answer(500, "{\"error\":\"boom\"}"));
        server.enqueue(answer(200, "[]"));

        TriggerResult result = send(dispatcher(), t);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.UNKNOWN);
        assertThat(result.error()).contains("answered 500", "not sent again");
        // a 503 says the request was not processed: no look-up is needed after it; a 500 leaves it open
        assertThat(List.of(server.takeRequest(), server.takeRequest(), server.takeRequest()))
                .extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                .containsExactly("POST /jobs", "POST /jobs", "GET /search/jobs");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(attempts).containsExactly("keboola:retryable", "keboola:retryable");
    }

    @Test
    void givenA503_whenRetried_thenTheRetryIsLoggedAtWarnWithWhatFailedAndWhenTheNextTryIsButNoToken() throws Exception {
        TriggerCommand t = trigger("kbc");
        server.enqueue(answer(503, "{\"error\":\"down for " + TOKEN + "\"}"));
        server.enqueue(answer(201, JOB.formatted("77", "77", "77", "")));

        try (var logs = dev.tecko.observability.testing.LogCapture.atDebug()) {
            send(dispatcher(), t);
            var warnings = logs.events().stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).anySatisfy(line -> assertThat(line).contains("keboola delivery to").contains("attempt 1 failed")
                    .contains("answered 503").contains("next try in"));
            assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
        }
    }

    @Test
    void givenA500AfterWhichTheJobExists_whenRetried_thenTheLookUpFindsItAndNothingIsSentAgain() throws Exception {
        TriggerCommand t = trigger("kbc");
        server.enqueue(answer(500, "oops"));
        server.enqueue(answer(200, "[" + job("55", t) + "]"));

        TriggerResult result = send(dispatcher(), t);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.keboolaJobId()).isEqualTo("55");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void given429WithRetryAfter_whenDispatched_thenTheNextAttemptWaitsAtLeastThatLong() throws Exception {
        TriggerCommand t = trigger("kbc");
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(answer(201, job("1", t)));

        long started = System.nanoTime();
        TriggerResult result = send(dispatcher(), t);

        assertThat(result.ok()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        // the backoff alone would be 10-50 ms
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void givenPermanent400_whenDispatched_thenItFailsAtOnceWithKeboolasMessage() {
        server.enqueue(answer(400, "{\"error\":\"Invalid configuration\",\"code\":400,\"status\":\"error\",\"exceptionId\":\"x1\"}"));

        TriggerResult result = send(dispatcher(), trigger("kbc"));

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.FAILED);
        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).contains("Invalid configuration").doesNotContain(TOKEN);
    }

    @Test
    void givenRetriesRunOutOn503_whenDispatched_thenItFailsButOnAnUnansweredRequestItIsUnknown() {
        var d = dispatcher(new RetryPolicy(Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMillis(50)),
                new BreakerPolicy(100, 50, Duration.ofSeconds(1)), null);
        for (int i = 0; i < 30; i++) {
            server.enqueue(answer(503, "down"));
        }
        TriggerResult failed = send(d, trigger("kbc"));
        assertThat(failed.outcome()).isEqualTo(TriggerOutcome.FAILED);
        assertThat(failed.error()).startsWith("gave up retrying");
        assertThat(failed.attempts()).isGreaterThan(1);
    }

    @Test
    void givenAnUnknownSecret_whenDispatched_thenItFailsNamingTheSecretOnly() {
        TriggerResult result = send(dispatcher(), trigger("missing"));

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.FAILED);
        assertThat(result.error()).isEqualTo("secret 'missing' is not known");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void givenAFailingHost_whenTheCircuitOpens_thenDeliveriesWaitAndGoThroughOnceItCloses() throws Exception {
        ResilientCaller[] caller = new ResilientCaller[1];
        var d = dispatcher(new RetryPolicy(Duration.ofSeconds(30), Duration.ofMillis(5), Duration.ofMillis(5)),
                new BreakerPolicy(4, 50, Duration.ofMillis(300)), caller);
        TriggerCommand t = trigger("kbc");
        for (int i = 0; i < 4; i++) {
            server.enqueue(answer(503, "down"));
        }
        server.enqueue(answer(201, job("9", t)));

        long started = System.nanoTime();
        TriggerResult result = send(d, t);

        assertThat(result.ok()).isTrue();
        assertThat(attempts).contains("keboola:circuit_open");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(caller[0].state(server.getHostName())).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void givenKeboolaUnavailable_whenTheDeliveryIsCancelledDuringItsRetries_thenNothingIsReportedForTheNextOwnerToSettle() {
        TriggerCommand t = trigger("kbc");
        for (int i = 0; i < 20; i++) {
            server.enqueue(answer(503, "{\"error\":\"down\"}"));
        }
        TriggerDispatcher d = dispatcher();

        // a clean stop (SIGTERM) or a lost partition flips the flag while retries go on
        assertThatThrownBy(() -> d.dispatch(t, DispatchMark.sent(t, null, clock.instant()), false, () -> attempts.size() >= 2))
                .isInstanceOf(CancelledException.class);
        assertThat(attempts).hasSize(2);
    }

    @Test
    void givenACancelledDelivery_whenDispatched_thenNothingIsSentAndNothingReported() {
        TriggerCommand t = trigger("kbc");
        assertThatThrownBy(() -> dispatcher().dispatch(t, DispatchMark.sent(t, null, clock.instant()), false, () -> true))
                .isInstanceOf(CancelledException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void givenATriggerSentByACrashedRun_whenItsJobExists_thenItIsReportedWithoutSendingAgain() throws Exception {
        TriggerCommand t = trigger("kbc");
        server.enqueue(answer(200, "[" + job("12", t) + "," + job("11", t).replace("b1", "other") + "]"));

        TriggerResult result = dispatcher().dispatch(t, DispatchMark.sent(t, null, clock.instant()), true, () -> false);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.keboolaJobId()).isEqualTo("12");
        assertThat(result.attempts()).isZero();
        assertThat(waits).hasSize(1);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/search/jobs");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void givenATriggerSentByACrashedRun_whenNoJobMatches_thenItIsSentNow() throws Exception {
        TriggerCommand t = trigger("kbc");
        server.enqueue(answer(200, "[" + job("3", t) + "]"));
        server.enqueue(answer(201, job("4", t)));

        // job 3 is the previous generation's, so it does not count
        TriggerResult result = dispatcher().dispatch(t, DispatchMark.sent(t, "3", clock.instant()), true, () -> false);

        assertThat(result.keboolaJobId()).isEqualTo("4");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void givenATriggerSentByACrashedRun_whenTwoJobsMatch_thenItIsUnknownAndNothingIsSent() {
        TriggerCommand t = trigger("kbc");
        server.enqueue(answer(200, "[" + job("5", t) + "," + job("6", t) + "]"));

        TriggerResult result = dispatcher().dispatch(t, DispatchMark.sent(t, null, clock.instant()), true, () -> false);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.UNKNOWN);
        assertThat(result.error()).contains("2 Keboola jobs", "5", "6");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void givenATriggerSentByACrashedRun_whenKeboolaCannotBeSearched_thenItIsUnknown() {
        TriggerCommand t = trigger("kbc");
        server.enqueue(answer(403, "{\"error\":\"forbidden\"}"));

        TriggerResult result = dispatcher().dispatch(t, DispatchMark.sent(t, null, clock.instant()), true, () -> false);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.UNKNOWN);
        assertThat(result.error()).contains("cannot be searched", "forbidden");
    }

    @Test
    void givenAWebhookTarget_whenDispatched_thenTheBodyIsTheTriggerSignedTheStandardWebhooksWay() throws Exception {
        server.enqueue(answer(204, ""));
        TriggerCommand t = TriggerCommand.of("job-2", "job", 3, TriggerTarget.webhook(server.url("/hook?x=1").toString(), "hook"),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.parse("2026-01-01T00:00:00Z"));

        TriggerResult result = send(dispatcher(), t);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.httpStatus()).isEqualTo(204);
        RecordedRequest request = server.takeRequest();
        byte[] body = request.getBody().toByteArray();
        assertThat(request.getHeaders().get("webhook-id")).isEqualTo("job-2:3");
        assertThat(new StandardWebhooks(WEBHOOK_KEY).verify(request.getHeaders().get("webhook-id"),
                request.getHeaders().get("webhook-timestamp"), request.getHeaders().get("webhook-signature"), body, Instant.now()))
                .isEqualTo(StandardWebhooks.Verdict.OK);
        assertThat(new StandardWebhooks("whsec_" + Base64.getEncoder().encodeToString("another key".getBytes())).verify(
                "job-2:3", request.getHeaders().get("webhook-timestamp"), request.getHeaders().get("webhook-signature"), body, Instant.now()))
                .isEqualTo(StandardWebhooks.Verdict.BAD_SIGNATURE);
        assertThat(new String(body)).contains("\"triggerId\":\"job-2:3\"", "\"batch_ids_completed\"");
    }

    @Test
    void givenAWebhookThatRefuses_whenDispatched_thenItFailsWithoutTheKey() {
        server.enqueue(answer(410, "gone " + WEBHOOK_KEY));
        TriggerCommand t = TriggerCommand.of("job-2", "job", 1, TriggerTarget.webhook(server.url("/hook").toString(), "hook"),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.parse("2026-01-01T00:00:00Z"));

        TriggerResult result = send(dispatcher(), t);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.FAILED);
        assertThat(result.error()).contains("410").doesNotContain(WEBHOOK_KEY);
    }

    @Test
    void givenRetryPolicy_whenBackingOff_thenItDoublesWithJitterUpToTheMaximum() {
        var policy = new RetryPolicy(Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofMillis(1000));
        assertThat(policy.backoff(3, 0.999)).isBetween(Duration.ofMillis(3990), Duration.ofMillis(4000));
        assertThat(policy.backoff(20, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unused")
    private static Map<String, String> none() {
        return Map.of();
    }
}
