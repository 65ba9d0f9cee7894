package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.observability.testing.LogCapture;
import dev.tecko.observability.testing.OpsClient;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on a broker that takes clients only after SASL/SCRAM-SHA-512, configured purely through
 * {@code TECKO_KAFKA_*}: every client it opens (secrets reader, admin, consumer, transactional producer) goes through it.
 * The test's own set-up uses the broker's PLAINTEXT listener.
 */
class DispatcherOverScramIT {
    private static final String KAFKA_PASSWORD = "kafka-pw-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WRONG_PASSWORD = "wrong-pw-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TOKEN = "kbc-scram-" + UUID.randomUUID();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.temporaryWithScram("tecko-dispatcher", KAFKA_PASSWORD).start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void givenScramCredentialsInTeckoKafkaVariables_whenTriggersArrive_thenResultsFlowAndNoPasswordIsLogged() throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN); LogCapture logs = LogCapture.atDebug()) {
            TeckoConfig config = scramConfig(fixture, KAFKA_PASSWORD);
            List<TriggerCommand> triggers = IntStream.range(0, 5).mapToObj(i -> DispatcherFixture.trigger(i, keboola.url(), "kbc")).toList();
            fixture.send(triggers);

            try (var runtime = new DispatcherRuntime(config).start()) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> fixture.results(triggers.size(), Duration.ofSeconds(1)).size() >= triggers.size());
                var ops = new OpsClient(runtime.metricsPort());
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ops.get("/health/ready").status() == 200);
                assertThat(ops.scrape().value("tecko_dispatcher_results_total", Map.of("outcome", "ok"))).hasValue(5.0);
            }

            assertThat(fixture.results(triggers.size(), Duration.ofSeconds(5))).hasSize(5).allMatch(TriggerResult::ok);
            assertThat(keboola.received()).hasSize(5);
            List<String> lines = logs.lines();
            assertThat(lines).anyMatch(l -> l.contains("job-0:1"));
            assertThat(lines).noneMatch(l -> l.contains(KAFKA_PASSWORD)).noneMatch(l -> l.contains(TOKEN));
        }
    }

    @Test
    void givenAWrongKafkaPassword_whenTheDispatcherStarts_thenItFailsSayingTheCredentialsWereRefusedWithoutShowingThem()
            throws Exception {
        var fixture = new DispatcherFixture(kafka, 1);
        try (LogCapture logs = LogCapture.atDebug()) {
            var runtime = new DispatcherRuntime(scramConfig(fixture, WRONG_PASSWORD));

            assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka refused the dispatcher's credentials")
                    .hasMessageContaining("SCRAM-SHA-512")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD).doesNotContain(KAFKA_PASSWORD));
            assertThat(runtime.metricsPort()).as("the failed start released its endpoint").isEqualTo(-1);
            assertThat(logs.lines()).noneMatch(l -> l.contains(WRONG_PASSWORD) || l.contains(KAFKA_PASSWORD));
        }
    }

    /** Only TECKO_* values, as a deployment would set them; secrets come from the secrets topic, decrypted with the master key. */
    private static TeckoConfig scramConfig(DispatcherFixture fixture, String kafkaPassword) {
        String masterKey = MasterKey.generateBase64();
        var cipher = new SecretCipher(MasterKey.fromBase64(masterKey, "test"));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), fixture.topics.secrets().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(fixture.topics.secrets().name(), "kbc",
                    cipher.encrypt("kbc", SecretType.KEBOOLA, null, TOKEN, Instant.now())));
        }
        Map<String, String> env = new HashMap<>(kafka.scramTeckoEnvironment(kafkaPassword));
        env.put(MasterKey.ENV, masterKey);
        env.put("TECKO_DISPATCHER_METRICS_PORT", "0");
        return fixture.config("scram", env);
    }
}
