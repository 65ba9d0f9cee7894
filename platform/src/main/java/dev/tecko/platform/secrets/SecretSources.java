package dev.tecko.platform.secrets;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import java.nio.file.Path;

/** The secret source a runtime uses: the file named by {@code TECKO_SECRETS_FILE}, else the {@code secrets} topic. */
public final class SecretSources {
    private SecretSources() {
    }

    /**
     * @param purpose what the runtime decrypts, for the message when no master key is configured
     */
    public static SecretSource fromConfig(TeckoConfig config, String purpose) {
        MasterKey key = MasterKey.from(config).orElseThrow(() -> new ConfigException(
                MasterKey.ENV + " or " + MasterKey.FILE_ENV + " is required to decrypt " + purpose));
        var cipher = new SecretCipher(key);
        return config.optional(FileSecretSource.ENV)
                .<SecretSource>map(file -> new FileSecretSource(Path.of(file), cipher))
                .orElseGet(() -> new TopicSecretSource(config.kafka(), config.topics().secrets(), cipher));
    }
}
