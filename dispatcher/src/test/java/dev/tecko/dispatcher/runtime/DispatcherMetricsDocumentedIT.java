package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.observability.testing.MetricsCatalog;
import dev.tecko.observability.testing.OpsClient;
import dev.tecko.observability.testing.PrometheusScrape;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dispatcher's {@code /metrics} and {@code /health/*} over real HTTP after real work (deliveries, a refusal, a DLQ
 * record), compared with docs/metrics.md both ways. The scrape is left in {@code target/dispatcher-metrics.txt}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DispatcherMetricsDocumentedIT {
    private static final String TOKEN = "kbc-metrics-" + UUID.randomUUID();

    @Test
    void givenDeliveriesARefusalAndBadInput_whenScraped_thenEveryDocumentedDispatcherMetricIsThere(EmbeddedKafka kafka) throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN)) {
            List<TriggerCommand> triggers = new ArrayList<>(IntStream.range(0, 3)
                    .mapToObj(i -> DispatcherFixture.trigger(i, keboola.url(), "kbc")).toList());
            triggers.add(TriggerCommand.of("job-refused", "refused", 1,
                    TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", "kbc-wrong"),
                    triggers.get(0).batches(), triggers.get(0).requestedAt()));
            fixture.sendRaw("job-garbage", "{not a trigger".getBytes(StandardCharsets.UTF_8));
            fixture.send(triggers);

            try (var runtime = new DispatcherRuntime(fixture.config("metrics", Map.of("TECKO_DISPATCHER_METRICS_PORT", "0")), null,
                    DispatcherFixture.secrets(Map.of("kbc", TOKEN, "kbc-wrong", "kbc-not-valid")), Clock.systemUTC()).start()) {
                var ops = new OpsClient(runtime.metricsPort());
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                        ops.scrape().value("tecko_dispatcher_results_total", Map.of()).orElse(0.0) >= triggers.size());
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ops.get("/health/ready").status() == 200);

                String body = ops.get("/metrics").body();
                Files.writeString(Path.of("target", "dispatcher-metrics.txt"), body);
                PrometheusScrape scrape = PrometheusScrape.parse(body);
                var catalog = MetricsCatalog.fromRepository();
                assertThat(catalog.missingFrom("dispatcher", scrape)).as("documented for the dispatcher but not scraped").isEmpty();
                assertThat(catalog.undocumentedIn("dispatcher", scrape, "tecko_")).as("scraped but not in docs/metrics.md").isEmpty();
                assertThat(scrape.value("tecko_dlq_records_total", Map.of("source", "triggers"))).hasValue(1.0);
                assertThat(scrape.value("tecko_dispatcher_attempts_total", Map.of("target", "keboola", "outcome", "permanent")))
                        .hasValue(1.0);
                assertThat(scrape.value("tecko_dispatcher_attempt_latency_seconds_count", Map.of("target", "keboola", "outcome", "ok")))
                        .hasValue(3.0);
                assertThat(scrape.value("resilience4j_circuitbreaker_state", Map.of("state", "closed"))).hasValue(1.0);
                assertThat(scrape.value("tecko_heartbeat_age_seconds", Map.of("runtime", "dispatcher")))
                        .hasValueSatisfying(age -> assertThat(age).isLessThan(5.0));
            }
        }
    }
}
