package dev.tecko.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.schemas.Check;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A ciphertext is bound to the name, type and base URL of its secret: moved to another of any of them, it no longer
 * decrypts. Records bound to the name alone (all those written before) still decrypt and are re-encrypted once.
 */
class SecretBindingTest {
    private static final Instant T = Instant.parse("2025-02-20T10:00:00Z");
    private static final String VALUE = "sk-proj-the-openai-key-0123456789";
    private final MasterKey key = MasterKey.fromBase64(MasterKey.generateBase64(), "test");
    private final SecretCipher cipher = new SecretCipher(key);

    private static EncryptedSecret copy(EncryptedSecret s, String name, SecretType type, String baseUrl) {
        return new EncryptedSecret(s.schemaVersion(), name, type, baseUrl, s.algorithm(), s.keyId(), s.nonce(), s.ciphertext(),
                s.createdAt(), s.aad());
    }

    /** A record exactly as the cipher wrote it before: the name alone as associated data, no {@code aad} field. */
    private EncryptedSecret nameOnly(String name, SecretType type, String baseUrl, String value) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(128, nonce));
        aes.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        byte[] ciphertext = aes.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return new EncryptedSecret(Check.CURRENT_SCHEMA_VERSION, name, type, baseUrl, EncryptedSecret.AES_256_GCM, key.id(),
                Base64.getEncoder().encodeToString(nonce), Base64.getEncoder().encodeToString(ciphertext), T);
    }

    @Test
    void givenAnOpenAiKey_whenItsRecordIsRelabelledAsAKeboolaToken_thenItNoLongerDecrypts() {
        EncryptedSecret openai = cipher.encrypt("shared", SecretType.OPENAI, null, VALUE, T);

        assertThatThrownBy(() -> cipher.decrypt(copy(openai, "shared", SecretType.KEBOOLA, null))).isInstanceOf(SecretException.class)
                .hasMessageNotContaining(VALUE);
        assertThat(cipher.decrypt(openai).value()).isEqualTo(VALUE);
    }

    @Test
    void givenASecretWithABaseUrl_whenItsRecordIsPointedAtAnotherHost_thenItNoLongerDecrypts() {
        EncryptedSecret azure = cipher.encrypt("azure", SecretType.OPENAI, "https://acme.openai.azure.com", VALUE, T);

        assertThatThrownBy(() -> cipher.decrypt(copy(azure, "azure", SecretType.OPENAI, "https://evil.example.com")))
                .isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> cipher.decrypt(copy(azure, "azure", SecretType.OPENAI, null))).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> cipher.decrypt(copy(azure, "other", SecretType.OPENAI, "https://acme.openai.azure.com")))
                .isInstanceOf(SecretException.class);
    }

    @Test
    void givenARecordBoundToItsNameAlone_whenRead_thenItDecryptsAndIsRebound() throws Exception {
        EncryptedSecret old = nameOnly("kbc", SecretType.KEBOOLA, null, VALUE);
        assertThat(old.boundToNameOnly()).isTrue();
        assertThat(cipher.decrypt(old).value()).isEqualTo(VALUE);

        EncryptedSecret rebound = cipher.rebind(old);

        assertThat(rebound.boundToNameOnly()).isFalse();
        assertThat(rebound.aad()).isEqualTo(EncryptedSecret.AAD_NAME_TYPE_BASE_URL);
        assertThat(rebound.createdAt()).isEqualTo(T);
        assertThat(cipher.decrypt(rebound).value()).isEqualTo(VALUE);
        assertThatThrownBy(() -> cipher.decrypt(copy(rebound, "kbc", SecretType.OPENAI, null))).isInstanceOf(SecretException.class);
    }

    @Test
    void givenASecretsRecordKeyedByAnotherName_whenRead_thenItIsRefused() {
        var topic = Topics.withDefaultPrefix().secrets();
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), cipher.encrypt("openai", SecretType.OPENAI, null, VALUE, T));

        assertThatThrownBy(() -> SecretRecords.read(topic, new ConsumerRecord<>(topic.name(), 0, 7, "kbc", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the key must be the name");
        assertThat(SecretRecords.read(topic, new ConsumerRecord<>(topic.name(), 0, 8, "openai", value)).name()).isEqualTo("openai");
        assertThat(SecretRecords.read(topic, new ConsumerRecord<String, byte[]>(topic.name(), 0, 9, "openai", null))).isNull();
    }
}
