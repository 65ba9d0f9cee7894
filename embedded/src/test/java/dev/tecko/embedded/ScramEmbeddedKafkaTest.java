package dev.tecko.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScramEmbeddedKafkaTest {
    private static final String PASSWORD = "scram-test-password-1";
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.temporaryWithScram("tecko", PASSWORD).start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("scram-topic", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void givenTheScramUsersPassword_whenAClientProducesAndConsumesOverSasl_thenTheRecordFlows() throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.scramClientProperties());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("scram-topic", "k", "over sasl")).get(30, TimeUnit.SECONDS);
        }

        assertThat(EmbeddedKafkaTest.consumeAll(kafka.bootstrapServers(), "scram-topic", 1)).containsExactly("over sasl");
        assertThat(kafka.saslBootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
    }

    @Test
    void givenAWrongPassword_whenAClientConnectsOverSasl_thenAuthenticationFailsWithoutEchoingThePassword() {
        Map<String, Object> props = new HashMap<>(kafka.scramClientProperties("not-the-password"));
        props.put("default.api.timeout.ms", "10000");
        props.put("request.timeout.ms", "5000");
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("not-the-password"));
        }
    }

    @Test
    void givenTheScramBroker_whenAskedForTeckosEnvironment_thenItIsTheClientPropertiesUnderTeckoKafkaNames() {
        assertThat(kafka.scramTeckoEnvironment("pw")).containsEntry("TECKO_KAFKA_BOOTSTRAP_SERVERS", kafka.saslBootstrapServers())
                .containsEntry("TECKO_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("TECKO_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .hasEntrySatisfying("TECKO_KAFKA_SASL_JAAS_CONFIG", jaas -> assertThat(jaas).contains("username=\"tecko\" password=\"pw\""));
    }

    @Test
    void givenAPlaintextBroker_whenAskedForItsSaslAddress_thenItSaysHowToGetOne() {
        try (EmbeddedKafka plain = EmbeddedKafka.temporary()) {
            assertThatThrownBy(plain::saslBootstrapServers).hasMessageContaining("temporaryWithScram");
        }
    }

    @Test
    void givenACredentialThatWouldBreakTheJaasLine_whenRequested_thenItIsRefused() {
        assertThatThrownBy(() -> EmbeddedKafka.temporaryWithScram("tecko", "pass\"word"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
