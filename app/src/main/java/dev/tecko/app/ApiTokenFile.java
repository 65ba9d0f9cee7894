package dev.tecko.app;

import dev.tecko.api.ApiSettings;
import dev.tecko.platform.config.TeckoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code tecko up} without a configured API token creates one in its data directory on first run (mode 600) and reuses
 * it; the {@code tecko job}/{@code secret} commands read the same file when {@code TECKO_API_TOKEN} is not set.
 */
public final class ApiTokenFile {
    public static final String NAME = "api.token";
    public static final String TOKEN = ApiSettings.TOKEN;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenFile() {
    }

    static TeckoConfig ensure(TeckoConfig config, Path dataDir) {
        if (config.optional(TOKEN).isPresent()) {
            return config;
        }
        Path file = CredentialFile.ensure(dataDir, NAME, ApiTokenFile::generate);
        return config.with(TOKEN, CredentialFile.read(file));
    }

    /** The token file of the configured data directory ({@link DataDir}), whether or not it exists. */
    public static Path location(TeckoConfig config) {
        return DataDir.of(config).resolve(NAME);
    }

    /** The token {@code tecko up} wrote for this data directory, if it did. */
    public static Optional<String> find(TeckoConfig config) {
        Path file = location(config);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String token = CredentialFile.read(file);
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    static String generate() {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        return "tk_" + HexFormat.of().formatHex(raw);
    }
}
