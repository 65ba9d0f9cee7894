package dev.tecko.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.dispatcher.webhook.WebhookClient;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link DeliveryProgress} records a delivery hands its sink, against a stand-in target as unkind as a real one: it
 * echoes the token it was sent in its error bodies.
 */
class TriggerDispatcherProgressTest {
    private static final String TOKEN = "kbc-progress-SECRET-token-0042";
    private static final String WEBHOOK_KEY = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String JOB = "{\"id\":\"%s\",\"runId\":\"%s\",\"status\":\"created\",\"url\":\"https://queue/jobs/%s\","
            + "\"component\":\"comp\",\"config\":\"cfg\",\"createdTime\":\"2026-01-01T10:00:00+00:00\",\"variableValuesData\":{\"values\":[]}}";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final Clock clock = Clock.systemUTC();
    private final Topics topics = new Topics("t.");
    private final List<DeliveryProgress> published = new CopyOnWriteArrayList<>();

    private TriggerDispatcher dispatcher(DeliveryProgressSink sink) {
        SecretSource secrets = name -> switch (name) {
            case "kbc" -> Optional.of(new Secret(name, SecretType.KEBOOLA, null, TOKEN));
            case "hook" -> Optional.of(new Secret(name, SecretType.WEBHOOK, null, WEBHOOK_KEY));
            default -> Optional.empty();
        };
        var http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2));
        var caller = new ResilientCaller(new RetryPolicy(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(20)),
                new BreakerPolicy(100, 50, Duration.ofSeconds(1)), clock, Waiter.SLEEPING, AttemptListener.NONE);
        return new TriggerDispatcher(secrets, new KeboolaQueueClient(http, clock), new WebhookClient(http, clock), caller,
                new TriggerDispatcher.Recovery(Duration.ZERO, Duration.ofSeconds(60), Duration.ZERO), new TargetAllowList(List.of(), true),
                clock, Waiter.SLEEPING, sink);
    }

    private TriggerCommand keboolaTrigger() {
        return TriggerCommand.of("job-7", "job", 3, TriggerTarget.keboola(server.url("/").toString(), "comp", "cfg", "kbc"),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.parse("2026-01-01T00:00:00Z"),
                JOB_CREATED_AT);
    }

    /** Which incarnation of the job id the trigger is for: carried into each report, so a new job of the id never shows it. */
    private static final Instant JOB_CREATED_AT = Instant.parse("2025-12-31T23:00:00Z");

    private static MockResponse answer(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    private TriggerResult send(TriggerDispatcher d, TriggerCommand t, boolean recovering) {
        return d.dispatch(t, DispatchMark.sent(t, null, clock.instant()), recovering, () -> false);
    }

    /** The bytes that would go to delivery-status. */
    private String wire(DeliveryProgress p) {
        var topic = topics.deliveryStatus();
        return new String(topic.valueSerde().serializer().serialize(topic.name(), p), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("given Keboola answers 503 twice (echoing the token) and then creates the job, when dispatched, then two reports for the trigger with attempts 1 and 2, status 503, a next try, and no token")
    void failedAttemptsArePublishedWithoutTheToken() {
        server.enqueue(answer(503, "{\"error\":\"overloaded; your token " + TOKEN + " is fine\"}"));
        // a long body whose cut falls inside the echoed token
        server.enqueue(answer(503, "x".repeat(480) + TOKEN + " still overloaded"));
        server.enqueue(answer(201, JOB.formatted("91", "91", "91")));

        TriggerResult result = send(dispatcher(published::add), keboolaTrigger(), false);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(published).extracting(DeliveryProgress::attempts).containsExactly(1, 2);
        assertThat(published).allSatisfy(p -> {
            assertThat(p.jobId()).isEqualTo("job-7");
            assertThat(p.triggerId()).isEqualTo("job-7:3");
            assertThat(p.generation()).isEqualTo(3);
            assertThat(p.jobCreatedAt()).isEqualTo(JOB_CREATED_AT);
            assertThat(p.schemaVersion()).isEqualTo(Check.CURRENT_SCHEMA_VERSION);
            assertThat(p.lastHttpStatus()).isEqualTo(503);
            assertThat(p.lastError()).contains("answered 503");
            assertThat(p.breakerOpen()).isFalse();
            assertThat(p.nextAttemptAt()).isAfter(p.at());
            assertThat(wire(p)).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 10));
        });
        assertThat(published.get(0).lastError()).contains("overloaded; your token ****");
    }

    @Test
    @DisplayName("given a trigger a crashed run left sent, when the search fails once and the send after it fails once, then the send's attempts count on from the search's")
    void attemptsRiseAcrossTheSearchAndTheSend() {
        server.enqueue(answer(503, "{\"error\":\"search down\"}"));
        server.enqueue(answer(200, "[]"));
        server.enqueue(answer(503, "{\"error\":\"create down\"}"));
        server.enqueue(answer(201, JOB.formatted("92", "92", "92")));

        TriggerResult result = send(dispatcher(published::add), keboolaTrigger(), true);

        assertThat(result.keboolaJobId()).isEqualTo("92");
        assertThat(published).extracting(DeliveryProgress::attempts).containsExactly(1, 3);
        assertThat(published).extracting(DeliveryProgress::lastError)
                .satisfiesExactly(e -> assertThat(e).contains("search down"), e -> assertThat(e).contains("create down"));
    }

    @Test
    @DisplayName("given a webhook that answers 503 echoing its signing key, when dispatched, then the report has neither the key nor any token")
    void webhookReportHasNoKey() {
        server.enqueue(answer(503, "busy, key was " + WEBHOOK_KEY));
        server.enqueue(answer(204, ""));
        TriggerCommand t = TriggerCommand.of("job-8", "job", 1, TriggerTarget.webhook(server.url("/hook").toString(), "hook"),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.parse("2026-01-01T00:00:00Z"));

        TriggerResult result = send(dispatcher(published::add), t, false);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(wire(p)).doesNotContain(WEBHOOK_KEY).contains("answered 503");
        });
    }

    @Test
    @DisplayName("given a sink that throws on every report, when Keboola answers 503 twice and then creates the job, then the delivery is OK as if nothing was published")
    void aFailingSinkNeverFailsTheDelivery() {
        server.enqueue(answer(503, "down"));
        server.enqueue(answer(503, "down"));
        server.enqueue(answer(201, JOB.formatted("93", "93", "93")));

        TriggerResult result = send(dispatcher(p -> {
            throw new IllegalStateException("Kafka is gone " + p);
        }), keboolaTrigger(), false);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.keboolaJobId()).isEqualTo("93");
        assertThat(result.attempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("given a target error longer than the contract holds, when made a report, then it is cut to 4096 characters and still valid")
    void aLongErrorIsCut() {
        var progress = new TriggerProgress(keboolaTrigger(), TOKEN, published::add);

        progress.progressed(new ProgressListener.Progress(1, "e".repeat(10_000), 599, null, false, clock.instant()));
        progress.progressed(new ProgressListener.Progress(2, "   ", 999, null, true, clock.instant()));

        assertThat(published).hasSize(2);
        assertThat(published.get(0).lastError()).hasSize(Check.MAX_TEXT).endsWith("…");
        assertThat(published.get(1).lastError()).isNull();
        assertThat(published.get(1).lastHttpStatus()).as("not an HTTP status").isNull();
    }
}
