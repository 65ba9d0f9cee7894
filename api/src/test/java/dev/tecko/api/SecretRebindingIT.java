package dev.tecko.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Secrets stored before their ciphertext was bound to type and base URL are re-encrypted once, their value unchanged. */
@ExtendWith(KafkaBrokerExtension.class)
class SecretRebindingIT {
    private static final String VALUE = "kbc-token-stored-long-ago-0001";

    @Test
    void givenASecretBoundToItsNameAlone_whenTheApiStartsTwice_thenItIsReEncryptedOnceWithTheSameValue(EmbeddedKafka kafka,
            @TempDir Path stateDir) throws Exception {
        Topics topics = ApiFixture.newTopics(kafka);
        String keyBase64 = MasterKey.generateBase64();
        var cipher = new SecretCipher(MasterKey.fromBase64(keyBase64, "test"));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), topics.secrets().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.secrets().name(), "kbc-old", nameOnly(keyBase64, "kbc-old", VALUE))).get();
        }
        var config = ApiFixture.config(kafka, topics, stateDir, Map.of(MasterKey.ENV, keyBase64));

        ApiFixture.start(config).close();
        ApiFixture.start(config.with(dev.tecko.processor.runtime.RuntimeSettings.APPLICATION_ID, "api-" + UUID.randomUUID())).close();

        List<EncryptedSecret> written = readAll(kafka, topics);
        assertThat(written).as("the old record and one re-encrypted copy").hasSize(2);
        EncryptedSecret rebound = written.get(1);
        assertThat(rebound.aad()).isEqualTo(EncryptedSecret.AAD_NAME_TYPE_BASE_URL);
        assertThat(rebound.createdAt()).isEqualTo(written.get(0).createdAt());
        assertThat(cipher.decrypt(rebound).value()).isEqualTo(VALUE);
    }

    /** Exactly what the cipher wrote before: AES-256-GCM with the name alone as associated data, no aad field. */
    private static EncryptedSecret nameOnly(String keyBase64, String name, String value) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(keyBase64), "AES"), new GCMParameterSpec(128, nonce));
        aes.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        byte[] ciphertext = aes.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return new EncryptedSecret(Check.CURRENT_SCHEMA_VERSION, name, SecretType.KEBOOLA, null, EncryptedSecret.AES_256_GCM, null,
                Base64.getEncoder().encodeToString(nonce), Base64.getEncoder().encodeToString(ciphertext), Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static List<EncryptedSecret> readAll(EmbeddedKafka kafka, Topics topics) {
        List<EncryptedSecret> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), topics.secrets().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.secrets().name()));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.value()));
                return all.size() >= 2;
            });
            // one more poll, so a third (second re-encryption) would be seen too
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> all.add(r.value()));
        }
        return all;
    }
}
