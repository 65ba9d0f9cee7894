package dev.tecko.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.observability.testing.MetricsCatalog;
import dev.tecko.observability.testing.PrometheusScrape;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor's {@code GET /metrics} (bearer token) over real HTTP after real work — a job created through the API, its
 * batch observed, its trigger emitted, its delivery reported and answered, a tag search's report for an unknown job, one
 * unreadable record on each DLQ path — compared with docs/metrics.md:
 * every metric documented for the processor must be scraped with its labels, and every {@code tecko_*} metric scraped must
 * be documented. Then the probes, up and after the runtime stopped. The scrape is left in {@code target/processor-metrics.txt}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessorMetricsDocumentedIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void givenAProcessorThatTriggeredAJobAndDeadLetteredTwoRecords_whenScraped_thenEveryDocumentedProcessorMetricIsThere(
            EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        try (var api = ApiFixture.start(kafka, stateDir, Map.of())) {
            api.secret("openai", "openai");
            api.secret("kbc", "keboola");
            assertThat(api.post("/api/jobs", ApiFixture.keboolaJob("job-m", "metrics", "batch_m")).status()).isEqualTo(201);
            Instant observedAt = Instant.now();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                send(producer, api.topics.batchStatus().name(), api.topics.batchStatus().valueSerde().serializer().serialize("",
                        new BatchObservation(1, "job-m", "batch_m", BatchStatus.COMPLETED, new RequestCounts(5, 5, 0), null, null,
                                List.of(), null, Map.of(), observedAt, dev.tecko.schemas.ObservationSource.POLL, null, null,
                                new dev.tecko.schemas.TokenUsage(500, 100, 600, 0, 0), "gpt-4o-mini")));
                await().atMost(WAIT).until(() -> scrape(api).value("tecko_triggers_emitted_total", Map.of()).orElse(0.0) >= 1);
                // the dispatcher's progress on that trigger, before its result
                send(producer, api.topics.deliveryStatus().name(), api.topics.deliveryStatus().valueSerde().serializer().serialize("",
                        new dev.tecko.schemas.DeliveryProgress(1, "job-m", "job-m:1", 1, 1, "Keboola answered 503", 503,
                                Instant.now().plusSeconds(2), false, Instant.now())));
                await().atMost(WAIT).until(() -> scrape(api).value("tecko_delivery_reports_total", Map.of("outcome", "applied")).orElse(0.0) >= 1);
                send(producer, api.topics.triggerResults().name(), api.topics.triggerResults().valueSerde().serializer().serialize("",
                        new TriggerResult(1, TriggerCommand.triggerId("job-m", 1), "job-m", 1, TriggerOutcome.OK, "kbc-1", null, null,
                                null, 201, 1, null, Instant.now())));
                // the Keboola job that trigger created, followed to its end
                await().atMost(WAIT).until(() -> scrape(api).value("tecko_trigger_results_total", Map.of("outcome", "applied")).orElse(0.0) >= 1);
                send(producer, api.topics.downstreamStatus().name(), api.topics.downstreamStatus().valueSerde().serializer().serialize("",
                        new dev.tecko.schemas.DownstreamObservation(1, "job-m", "job-m:1", 1, "kbc-1",
                                dev.tecko.schemas.DownstreamStatus.SUCCESS, Instant.now(), Instant.now(), 0L, null, null, Instant.now())));
                // a tag search's report for a job this processor does not know (tecko_batch_discoveries_total{outcome=unknown_job})
                producer.send(new ProducerRecord<>(api.topics.batchDiscovery().name(), "job-unknown",
                        api.topics.batchDiscovery().valueSerde().serializer().serialize("", new dev.tecko.schemas.BatchDiscovery(1,
                                "job-unknown", Instant.now(), new dev.tecko.schemas.BatchTag("run", "m"), List.of("batch_d"),
                                Instant.now(), Instant.now())))).get();
                // the deserialization path and the processing path of the native DLQ
                send(producer, api.topics.batchStatus().name(), "{".getBytes(StandardCharsets.UTF_8));
                send(producer, api.topics.jobCommands().name(), "not json".getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(WAIT).until(() -> {
                PrometheusScrape scrape = scrape(api);
                return scrape.value("tecko_jobs", Map.of("status", "completed")).orElse(0.0) == 1
                        && scrape.value("tecko_downstream_finished_total", Map.of("status", "success")).orElse(0.0) == 1
                        && scrape.value("tecko_batch_discoveries_total", Map.of("outcome", "unknown_job")).orElse(0.0) == 1
                        && scrape.value("tecko_dlq_records_total", Map.of("source", "batch-status")).orElse(0.0) == 1
                        && scrape.value("tecko_dlq_records_total", Map.of("source", "job-commands")).orElse(0.0) == 1;
            });
            assertThat(dlqRecords(kafka, api)).as("what was counted is what reached the dlq topic").hasSize(2);
            await().atMost(WAIT).until(() -> api.send(api.request("/health/ready", null).GET()).status() == 200);

            String body = api.get("/metrics").body();
            Files.writeString(Path.of("target", "processor-metrics.txt"), body);
            PrometheusScrape scrape = PrometheusScrape.parse(body);
            var catalog = MetricsCatalog.fromRepository();
            assertThat(catalog.missingFrom("processor", scrape)).as("documented for the processor but not scraped").isEmpty();
            assertThat(catalog.undocumentedIn("processor", scrape, "tecko_")).as("scraped but not in docs/metrics.md").isEmpty();
            assertThat(scrape.value("tecko_dlq_records_total", Map.of("source", "trigger-results"))).hasValue(0.0);
            assertThat(scrape.value("tecko_jobs", Map.of("status", "active"))).hasValue(0.0);
            assertThat(scrape.value("tecko_batches_tracked", Map.of())).as("a completed job's batches are no longer tracked").hasValue(0.0);
            assertThat(scrape.value("tecko_detection_latency_seconds_count", Map.of())).hasValue(1.0);
            assertThat(scrape.value("tecko_detection_latency_seconds_sum", Map.of()))
                    .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(0.0, WAIT.toSeconds() * 1.0));
            assertThat(scrape.value("tecko_heartbeat_age_seconds", Map.of("runtime", "processor")))
                    .hasValueSatisfying(age -> assertThat(age).isLessThan(5.0));
            assertThat(scrape.has("kafka_stream_thread_poll_total")).as("Kafka Streams' own metrics are bound").isTrue();
        }
    }

    @Test
    void givenARunningProcessor_whenItsRuntimeStops_thenReadinessAndLivenessAnswer503NamingWhy(EmbeddedKafka kafka,
                                                                                               @TempDir Path stateDir) {
        try (var api = ApiFixture.start(kafka, stateDir, Map.of())) {
            await().atMost(WAIT).until(() -> api.send(api.request("/health/ready", null).GET()).status() == 200);
            JsonNode ready = api.send(api.request("/health/ready", null).GET()).json();
            for (String check : List.of("stopping", "streams", "heartbeat", "broker")) {
                assertThat(ready.at("/checks/" + check + "/status").asText()).as(check).isEqualTo("UP");
            }
            assertThat(api.send(api.request("/health/live", null).GET()).status()).isEqualTo(200);

            api.service.runtime().close();

            var notReady = api.send(api.request("/health/ready", null).GET());
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(names(notReady.json().get("failing"))).contains("stopping", "streams").doesNotContain("broker");
            var notLive = api.send(api.request("/health/live", null).GET());
            assertThat(notLive.status()).isEqualTo(503);
            assertThat(names(notLive.json().get("failing"))).containsExactly("stopping");
        }
    }

    private static PrometheusScrape scrape(ApiFixture api) {
        var metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        return PrometheusScrape.parse(metrics.body());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "job-m", value)).get();
    }

    /** The committed records of the dlq topic, read until two arrived or the wait ends. */
    private static List<byte[]> dlqRecords(EmbeddedKafka kafka, ApiFixture api) {
        List<byte[]> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(api.topics.dlq().name()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
                return records.size() >= 2;
            });
        }
        return records;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
