package dev.tecko.poller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.observability.testing.MetricsCatalog;
import dev.tecko.observability.testing.OpsClient;
import dev.tecko.observability.testing.PrometheusScrape;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.platform.webhooks.StandardWebhooks;
import dev.tecko.poller.schedule.Snapshots;
import dev.tecko.poller.webhook.WebhookReceiver;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller's {@code /metrics} and {@code /health/*} over real HTTP after real work (polls, a 429, a webhook), compared
 * with docs/metrics.md: every metric documented for the poller must be scraped with its labels, and every {@code tecko_*}
 * metric scraped must be documented. The scrape is left in {@code target/poller-metrics.txt}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PollerMetricsDocumentedIT {
    private static final String API_KEY = "sk-metrics-" + UUID.randomUUID();
    private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    @TempDir
    Path dir;

    @Test
    void givenAPollerThatPolledWasRateLimitedAndTookAWebhook_whenScraped_thenEveryDocumentedPollerMetricIsThere(EmbeddedKafka kafka)
            throws Exception {
        var topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             SandboxOpenAi sandbox = SandboxOpenAi.start(API_KEY)) {
            new TopicAdmin(admin).createAll(topics, 2, (short) 1);
            sandbox.createBatch("batch_m_1", BatchPlan.completesAfter(Duration.ofSeconds(1), 5));
            sandbox.createBatch("batch_m_2", BatchPlan.completesAfter(Duration.ofSeconds(1), 5));
            sandbox.failNext(1, 429, Duration.ofMillis(300));
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                    new StringSerializer(), topics.jobStatus().valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topics.jobStatus().name(), "job-m",
                        Snapshots.job("job-m", JobStatus.ACTIVE, 10, "openai-main", "batch_m_1", "batch_m_2"))).get();
            }

            try (var poller = new PollerRuntime(config(kafka, topics, sandbox)).start()) {
                var ops = new OpsClient(poller.metricsPort());
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        ops.scrape().value("tecko_poller_observations_published_total", Map.of("status", "completed")).orElse(0.0) >= 2);
                assertThat(postWebhook(poller.webhookPort(), "batch_m_1")).isEqualTo(200);
                // handed over to itself (the only poller owns the job): read back on its handover thread
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        ops.scrape().value("tecko_poller_webhook_handovers_received_total", Map.of("outcome", "not_watched")).isPresent());
                await().atMost(Duration.ofSeconds(20)).until(() -> ops.get("/health/ready").status() == 200);

                String body = ops.get("/metrics").body();
                Files.writeString(Path.of("target", "poller-metrics.txt"), body);
                PrometheusScrape scrape = PrometheusScrape.parse(body);
                var catalog = MetricsCatalog.fromRepository();
                assertThat(catalog.missingFrom("poller", scrape)).as("documented for the poller but not scraped").isEmpty();
                assertThat(catalog.undocumentedIn("poller", scrape, "tecko_")).as("scraped but not in docs/metrics.md").isEmpty();
                assertThat(scrape.value("tecko_poller_rate_limit_waits_seconds_count", Map.of())).hasValue(1.0);
                assertThat(scrape.value("tecko_poller_webhooks_total", Map.of("result", "accepted"))).hasValue(1.0);
                assertThat(scrape.value("tecko_heartbeat_age_seconds", Map.of("runtime", "poller")))
                        .hasValueSatisfying(age -> assertThat(age).isLessThan(5.0));
                assertThat(ops.get("/health/live").status()).isEqualTo(200);
            }
        }
    }

    private TeckoConfig config(EmbeddedKafka kafka, Topics topics, SandboxOpenAi sandbox) throws Exception {
        return SandboxPollerConfig.of(kafka, topics, dir, sandbox.baseUrl(), API_KEY, Map.of(
                PollerSettings.MIN_INTERVAL_SECONDS, "1",
                PollerSettings.BACKOFF_MILLIS, "10",
                PollerSettings.WEBHOOK_PORT, "0",
                PollerSettings.WEBHOOK_SECRET, WEBHOOK_SECRET,
                "TECKO_POLLER_METRICS_PORT", "0"));
    }

    private static int postWebhook(int port, String batchId) throws Exception {
        String body = "{\"id\":\"evt_1\",\"object\":\"event\",\"created_at\":1767225600,\"type\":\"batch.completed\",\"data\":{\"id\":\""
                + batchId + "\"}}";
        long ts = Instant.now().getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + WebhookReceiver.PATH))
                .header(StandardWebhooks.ID_HEADER, "msg_1").header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts))
                .header(StandardWebhooks.SIGNATURE_HEADER, new StandardWebhooks(WEBHOOK_SECRET).sign("msg_1", ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
