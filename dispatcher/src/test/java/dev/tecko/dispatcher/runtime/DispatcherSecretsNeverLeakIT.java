package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.observability.testing.LogCapture;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.DlqHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class DispatcherSecretsNeverLeakIT {
    private static final int TRIGGERS = Integer.getInteger("tecko.it.dispatcher.leak.triggers", 20);
    private static final String TOKEN = "kbc-good-" + UUID.randomUUID();
    private static final String WRONG_TOKEN = "kbc-wrong-" + UUID.randomUUID();

    @Test
    void givenAFullRunWithSuccessesRefusalsAndBadInput_whenEveryLogLineAndRecordIsScanned_thenNoTokenAppears(EmbeddedKafka kafka)
            throws Exception {
        var registry = new SimpleMeterRegistry();
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN); LogCapture logs = LogCapture.atDebug()) {
            var fixture = new DispatcherFixture(kafka, 2);
            List<TriggerCommand> triggers = new ArrayList<>(IntStream.range(0, TRIGGERS)
                    .mapToObj(i -> DispatcherFixture.trigger(i, keboola.url(), "kbc")).toList());
            TriggerCommand refused = TriggerCommand.of("job-refused", "refused", 1,
                    TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", "kbc-wrong"),
                    triggers.get(0).batches(), triggers.get(0).requestedAt());
            triggers.add(refused);
            fixture.sendRaw("job-garbage", "{not a trigger".getBytes(StandardCharsets.UTF_8));
            fixture.send(triggers);

            try (var runtime = new DispatcherRuntime(fixture.config("leak", Map.of()), registry,
                    DispatcherFixture.secrets(Map.of("kbc", TOKEN, "kbc-wrong", WRONG_TOKEN)), Clock.systemUTC()).start()) {
                Awaitility.await().atMost(Duration.ofMinutes(2))
                        .until(() -> fixture.results(triggers.size(), Duration.ofSeconds(1)).size() >= triggers.size());
            }

            List<TriggerResult> results = fixture.results(triggers.size(), Duration.ofSeconds(5));
            assertThat(results).hasSize(triggers.size());
            assertThat(results).filteredOn(r -> r.jobId().equals("job-refused")).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(TriggerOutcome.FAILED);
                assertThat(r.httpStatus()).isEqualTo(401);
                assertThat(r.error()).contains("Invalid access token");
            });
            assertThat(results).filteredOn(TriggerResult::ok).hasSize(TRIGGERS);

            var dlq = fixture.readCommitted(fixture.topics.dlq().name(), 1, Duration.ofSeconds(10));
            assertThat(dlq).singleElement().satisfies(r -> {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not a trigger");
                assertThat(DlqHeaders.read(r.headers(), DlqHeaders.TOPIC)).isEqualTo(fixture.topics.triggers().name());
                assertThat(DlqHeaders.read(r.headers(), DlqHeaders.MESSAGE)).contains("invalid TriggerCommand");
            });
            assertThat(registry.counter("tecko.dispatcher.dlq").count()).isEqualTo(1.0);
            assertThat(registry.counter("tecko.dispatcher.results", "outcome", "ok").count()).isEqualTo(TRIGGERS);
            assertThat(registry.counter("tecko.dispatcher.attempts", "target", "keboola", "outcome", "permanent").count()).isEqualTo(1.0);

            List<String> written = new ArrayList<>();
            for (String topic : List.of(fixture.topics.triggerResults().name(), fixture.topics.dlq().name(),
                    fixture.topics.dispatcherLedger().name())) {
                for (ConsumerRecord<byte[], byte[]> r : fixture.readCommitted(topic, Integer.MAX_VALUE, Duration.ofSeconds(3))) {
                    written.add(text(r.key()) + " " + text(r.value()));
                    for (Header h : r.headers()) {
                        written.add(h.key() + "=" + text(h.value()));
                    }
                }
            }
            assertThat(written).hasSizeGreaterThan(2 * triggers.size());
            // the scanned lines hold each event's MDC values and exception chain too, i.e. all a JSON encoder writes
            List<String> logLines = logs.lines();
            assertThat(logLines).anyMatch(l -> l.contains("job-refused:1"));
            assertThat(logs.events()).filteredOn(e -> e.getFormattedMessage().startsWith("trigger job-refused:1 → failed"))
                    .singleElement().extracting(ILoggingEvent::getMDCPropertyMap)
                    .isEqualTo(Map.of(LogContext.JOB_ID, "job-refused", LogContext.TRIGGER_ID, "job-refused:1"));
            for (String secret : List.of(TOKEN, WRONG_TOKEN)) {
                assertThat(logLines).noneMatch(l -> l.contains(secret));
                assertThat(written).noneMatch(l -> l.contains(secret));
            }
            // the sandbox did receive the token, so the scan above would have had something to find
            assertThat(keboola.received()).hasSize(TRIGGERS);
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
