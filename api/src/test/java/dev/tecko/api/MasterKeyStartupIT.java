package dev.tecko.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class MasterKeyStartupIT {

    @Test
    void givenSecretsStoredUnderAnotherKey_whenStarting_thenStartUpFailsSayingTheMasterKeyDoesNotMatch(EmbeddedKafka kafka,
            @TempDir Path stateDir) throws Exception {
        Topics topics = ApiFixture.newTopics(kafka);
        var original = new SecretCipher(MasterKey.fromBase64(MasterKey.generateBase64(), "original"));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), topics.secrets().valueSerde().serializer())) {
            for (String name : new String[] {"openai-prod", "kbc-prod"}) {
                producer.send(new ProducerRecord<>(topics.secrets().name(), name,
                        original.encrypt(name, SecretType.OPENAI, null, "value-" + name, Instant.now()))).get();
            }
        }
        String otherKey = MasterKey.generateBase64();

        assertThatThrownBy(() -> ProcessorService.start(ApiFixture.config(kafka, topics, stateDir, Map.of(MasterKey.ENV, otherKey))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TECKO_MASTER_KEY does not match the master key the stored secrets were encrypted with: 2 of 2 secrets on "
                        + topics.secrets().name() + " (kbc-prod, openai-prod) cannot be decrypted with it; set TECKO_MASTER_KEY to the key"
                        + " they were encrypted with")
                .hasMessageNotContaining(otherKey);
        assertThat(stateDir).isEmptyDirectory();
    }
}
