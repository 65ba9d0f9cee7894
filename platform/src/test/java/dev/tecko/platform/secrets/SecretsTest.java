package dev.tecko.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("secrets")
class SecretsTest {
    private static final Instant T = Instant.parse("2025-02-20T10:00:00Z");
    private static final String VALUE = "sk-proj-very-secret-value-0123456789";

    private static SecretCipher cipher() {
        return new SecretCipher(MasterKey.fromBase64(MasterKey.generateBase64(), "test"));
    }

    @Nested
    @DisplayName("SecretCipher")
    class Cipher {
        @Test
        @DisplayName("given a value when encrypted and decrypted with the same key then it comes back, and the ciphertext does not contain it")
        void givenValue_whenRoundTripped_thenSame() {
            SecretCipher cipher = cipher();
            EncryptedSecret encrypted = cipher.encrypt("openai-main", SecretType.OPENAI, "https://api.openai.com/v1", VALUE, T);
            assertThat(encrypted.ciphertext()).doesNotContain(VALUE);
            assertThat(Base64.getDecoder().decode(encrypted.nonce())).hasSize(12);
            assertThat(Base64.getDecoder().decode(encrypted.ciphertext())).hasSize(VALUE.length() + 16);
            Secret secret = cipher.decrypt(encrypted);
            assertThat(secret.value()).isEqualTo(VALUE);
            assertThat(secret.name()).isEqualTo("openai-main");
            assertThat(secret.type()).isEqualTo(SecretType.OPENAI);
            assertThat(secret.baseUrl()).isEqualTo("https://api.openai.com/v1");
            assertThat(secret.toString()).doesNotContain(VALUE).contains("****");
        }

        @Test
        @DisplayName("given the same value twice when encrypted then nonces and ciphertexts differ")
        void givenSameValueTwice_whenEncrypted_thenFreshNonce() {
            SecretCipher cipher = cipher();
            var a = cipher.encrypt("n", SecretType.KEBOOLA, null, VALUE, T);
            var b = cipher.encrypt("n", SecretType.KEBOOLA, null, VALUE, T);
            assertThat(a.nonce()).isNotEqualTo(b.nonce());
            assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        }

        @Test
        @DisplayName("given another master key when decrypting then SecretException names the secret but not the value")
        void givenWrongKey_whenDecrypting_thenSecretExceptionWithoutValue() {
            EncryptedSecret encrypted = cipher().encrypt("kbc", SecretType.KEBOOLA, null, VALUE, T);
            assertThatThrownBy(() -> cipher().decrypt(encrypted)).isInstanceOf(SecretException.class)
                    .hasMessage("secret 'kbc' cannot be decrypted: wrong master key or altered ciphertext")
                    .hasMessageNotContaining(VALUE);
        }

        @Test
        @DisplayName("given a ciphertext copied under another name when decrypting then it fails because the name is the associated data")
        void givenCiphertextMovedToAnotherName_whenDecrypting_thenFails() {
            SecretCipher cipher = cipher();
            EncryptedSecret original = cipher.encrypt("kbc-dev", SecretType.KEBOOLA, null, VALUE, T);
            var moved = new EncryptedSecret(1, "kbc-prod", original.type(), null, null, null, original.nonce(), original.ciphertext(), T);
            assertThatThrownBy(() -> cipher.decrypt(moved)).isInstanceOf(SecretException.class).hasMessageContaining("kbc-prod");
        }

        @Test
        @DisplayName("given an altered ciphertext when decrypting then it fails")
        void givenAlteredCiphertext_whenDecrypting_thenFails() {
            SecretCipher cipher = cipher();
            EncryptedSecret original = cipher.encrypt("kbc", SecretType.KEBOOLA, null, VALUE, T);
            byte[] bytes = Base64.getDecoder().decode(original.ciphertext());
            bytes[0] ^= 1;
            var altered = new EncryptedSecret(1, "kbc", original.type(), null, null, null, original.nonce(), Base64.getEncoder().encodeToString(bytes), T);
            assertThatThrownBy(() -> cipher.decrypt(altered)).isInstanceOf(SecretException.class);
        }
    }

    @Nested
    @DisplayName("key check")
    class KeyCheck {
        @Test
        @DisplayName("given a key when it encrypts then the secret carries the key's fingerprint, which reveals nothing of the key")
        void givenKey_whenEncrypting_thenKeyIdIsTheFingerprint() {
            String base64 = MasterKey.generateBase64();
            MasterKey key = MasterKey.fromBase64(base64, "test");
            EncryptedSecret encrypted = new SecretCipher(key).encrypt("kbc", SecretType.KEBOOLA, null, VALUE, T);
            assertThat(encrypted.keyId()).isEqualTo(key.id()).matches("k1-[0-9a-f]{16}");
            assertThat(MasterKey.fromBase64(base64, "again").id()).as("stable for the same key").isEqualTo(key.id());
            assertThat(cipher().encrypt("kbc", SecretType.KEBOOLA, null, VALUE, T).keyId()).as("another key").isNotEqualTo(key.id());
            assertThat(key.id()).doesNotContain(base64.substring(0, 8));
        }

        @Test
        @DisplayName("given secrets with key ids when checked then only those of this key verify")
        void givenKeyIds_whenChecked_thenComparedById() {
            SecretCipher mine = cipher();
            assertThat(mine.verifies(mine.encrypt("a", SecretType.OPENAI, null, VALUE, T))).isTrue();
            assertThat(mine.verifies(cipher().encrypt("a", SecretType.OPENAI, null, VALUE, T))).isFalse();
        }

        @Test
        @DisplayName("given secrets written before key ids existed when checked then a trial decryption decides")
        void givenNoKeyId_whenChecked_thenTrialDecryption() {
            SecretCipher mine = cipher();
            EncryptedSecret own = withoutKeyId(mine.encrypt("a", SecretType.OPENAI, null, VALUE, T));
            EncryptedSecret foreign = withoutKeyId(cipher().encrypt("a", SecretType.OPENAI, null, VALUE, T));
            assertThat(mine.verifies(own)).isTrue();
            assertThat(mine.verifies(foreign)).isFalse();
        }

        private EncryptedSecret withoutKeyId(EncryptedSecret s) {
            return new EncryptedSecret(1, s.name(), s.type(), s.baseUrl(), s.algorithm(), null, s.nonce(), s.ciphertext(), s.createdAt(),
                    s.aad());
        }
    }

    @Nested
    @DisplayName("MasterKey")
    class Key {
        @TempDir
        Path dir;

        @Test
        @DisplayName("given text that is not base64 when read then the message names the source and says so, without the text")
        void givenBadBase64_whenRead_thenMessage() {
            assertThatThrownBy(() -> MasterKey.fromBase64("not*base64", "TECKO_MASTER_KEY")).isInstanceOf(ConfigException.class)
                    .hasMessage("TECKO_MASTER_KEY must be base64 of 32 random bytes; it is not valid base64");
        }

        @Test
        @DisplayName("given base64 of the wrong length when read then the message says how many bytes it decodes to")
        void givenWrongLength_whenRead_thenMessage() {
            String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
            assertThatThrownBy(() -> MasterKey.fromBase64(sixteen, "TECKO_MASTER_KEY"))
                    .hasMessage("TECKO_MASTER_KEY must be base64 of 32 random bytes; it decodes to 16 bytes");
        }

        @Test
        @DisplayName("given a config naming the key inline, in a file, or not at all when loaded then it is found accordingly")
        void givenConfig_whenLoaded_thenKeyFound() throws Exception {
            String key = MasterKey.generateBase64();
            assertThat(Base64.getDecoder().decode(key)).hasSize(32);
            assertThat(MasterKey.from(TeckoConfig.of(Map.of(MasterKey.ENV, key)))).isPresent();
            Path file = dir.resolve("master.key");
            Files.writeString(file, key + "\n");
            var fromFile = MasterKey.from(TeckoConfig.of(Map.of(MasterKey.FILE_ENV, file.toString())));
            assertThat(fromFile).isPresent();
            assertThat(fromFile.get().toString()).isEqualTo("MasterKey[****]").doesNotContain(key);
            assertThat(MasterKey.from(TeckoConfig.of(Map.of()))).isEmpty();
            Files.writeString(file, "short");
            assertThatThrownBy(() -> MasterKey.fromFile(file)).hasMessageStartingWith("TECKO_MASTER_KEY_FILE (" + file + ") must be base64");
            assertThatThrownBy(() -> MasterKey.fromFile(dir.resolve("missing"))).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("TECKO_MASTER_KEY_FILE names '");
        }

        @Test
        @DisplayName("given a key from a file when used then it decrypts what the same inline key encrypted")
        void givenSameKeyTwoWays_whenUsed_thenCompatible() throws Exception {
            String key = MasterKey.generateBase64();
            Path file = dir.resolve("k");
            Files.writeString(file, key);
            var encrypted = new SecretCipher(MasterKey.fromBase64(key, "x")).encrypt("n", SecretType.WEBHOOK, null, VALUE, T);
            assertThat(new SecretCipher(MasterKey.fromFile(file)).decrypt(encrypted).value()).isEqualTo(VALUE);
        }
    }

    @Nested
    @DisplayName("FileSecretSource")
    class FileSource {
        @TempDir
        Path dir;

        @Test
        @DisplayName("given a file of encrypted secrets when looked up then later lines win and unknown names are empty")
        void givenFile_whenLookedUp_thenFound() {
            SecretCipher cipher = cipher();
            Path file = dir.resolve("secrets.jsonl");
            FileSecretSource.write(file, List.of(cipher.encrypt("kbc", SecretType.KEBOOLA, null, "old", T),
                    cipher.encrypt("openai", SecretType.OPENAI, null, VALUE, T), cipher.encrypt("kbc", SecretType.KEBOOLA, null, "new", T)));
            try (var source = new FileSecretSource(file, cipher)) {
                assertThat(source.get("kbc").value()).isEqualTo("new");
                assertThat(source.find("openai")).map(Secret::value).contains(VALUE);
                assertThat(source.find("nope")).isEmpty();
                assertThatThrownBy(() -> source.get("nope")).isInstanceOf(SecretException.class).hasMessage("secret 'nope' is not known");
            }
        }

        @Test
        @DisplayName("given the file changes when looked up again then the new content is read")
        void givenFileChanged_whenLookedUp_thenReloaded() throws Exception {
            SecretCipher cipher = cipher();
            Path file = dir.resolve("secrets.jsonl");
            FileSecretSource.write(file, List.of(cipher.encrypt("kbc", SecretType.KEBOOLA, null, "v1", T)));
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
            var source = new FileSecretSource(file, cipher);
            assertThat(source.get("kbc").value()).isEqualTo("v1");
            FileSecretSource.write(file, List.of(cipher.encrypt("kbc", SecretType.KEBOOLA, null, "v2", T),
                    cipher.encrypt("added", SecretType.WEBHOOK, null, "w", T)));
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
            assertThat(source.get("kbc").value()).as("same modification time: not re-read").isEqualTo("v1");
            Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
            assertThat(source.get("kbc").value()).isEqualTo("v2");
            assertThat(source.find("added")).isPresent();
        }

        @Test
        @DisplayName("given a bad line when read then the message names the variable, the file and the line number")
        void givenBadLine_whenRead_thenLineNamed() throws Exception {
            SecretCipher cipher = cipher();
            Path file = dir.resolve("secrets.jsonl");
            FileSecretSource.write(file, List.of(cipher.encrypt("kbc", SecretType.KEBOOLA, null, "v", T)));
            Files.writeString(file, Files.readString(file) + "\n{\"schemaVersion\":1,\"name\":\"bad name\"}\n");
            var source = new FileSecretSource(file, cipher);
            assertThatThrownBy(() -> source.find("kbc")).isInstanceOf(SecretException.class)
                    .hasMessageStartingWith("TECKO_SECRETS_FILE (" + file + ") line 3: invalid EncryptedSecret: name: must be");
        }

        @Test
        @DisplayName("given a missing file when looked up then the message names the variable and the path")
        void givenMissingFile_whenLookedUp_thenMessage() {
            Path missing = dir.resolve("missing.jsonl");
            assertThatThrownBy(() -> new FileSecretSource(missing, cipher()).find("x")).isInstanceOf(SecretException.class)
                    .hasMessageStartingWith("TECKO_SECRETS_FILE names '" + missing + "'");
            assertThatThrownBy(() -> FileSecretSource.write(dir.resolve("no/such/dir/f"), List.of()))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
    }
}
