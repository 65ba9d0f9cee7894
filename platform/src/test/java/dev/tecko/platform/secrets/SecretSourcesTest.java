package dev.tecko.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.SecretType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourcesTest {

    @Test
    void givenNoMasterKey_whenARuntimeAsksForItsSecrets_thenTheErrorNamesBothVariablesAndThePurpose() {
        assertThatThrownBy(() -> SecretSources.fromConfig(TeckoConfig.of(Map.of()), "OpenAI keys"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TECKO_MASTER_KEY or TECKO_MASTER_KEY_FILE is required to decrypt OpenAI keys");
    }

    @Test
    void givenASecretsFile_whenARuntimeAsksForItsSecrets_thenTheyComeFromThatFileDecrypted(@TempDir Path dir) {
        String key = MasterKey.generateBase64();
        Path file = dir.resolve("secrets.jsonl");
        var cipher = new SecretCipher(MasterKey.fromBase64(key, "test"));
        FileSecretSource.write(file, List.of(cipher.encrypt("openai-prod", SecretType.OPENAI, null, "sk-test", Instant.EPOCH)));

        try (SecretSource source = SecretSources.fromConfig(TeckoConfig.of(Map.of(MasterKey.ENV, key, FileSecretSource.ENV,
                file.toString())), "OpenAI keys")) {
            assertThat(source).isInstanceOf(FileSecretSource.class);
            assertThat(source.get("openai-prod").value()).isEqualTo("sk-test");
            assertThat(source.find("nope")).isEmpty();
        }
    }
}
