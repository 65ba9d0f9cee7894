package dev.tecko.app;

import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.MasterKey;
import java.nio.file.Path;

/** {@code tecko up} without a configured master key creates one in its data directory on first run (mode 600) and reuses it. */
final class MasterKeyFile {
    static final String NAME = "master.key";

    private MasterKeyFile() {
    }

    static TeckoConfig ensure(TeckoConfig config, Path dataDir) {
        if (MasterKey.from(config).isPresent()) {
            return config;
        }
        Path file = CredentialFile.ensure(dataDir, NAME, MasterKey::generateBase64);
        return config.with(MasterKey.FILE_ENV, file.toString());
    }
}
