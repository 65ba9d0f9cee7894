package dev.tecko.app;

import dev.tecko.config.TeckoConfig;
import dev.tecko.secrets.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code tecko up} without a configured master key creates one in its data directory on first run (mode 600) and reuses it. */
final class MasterKeyFile {
    static final String NAME = "master.key";

    private MasterKeyFile() {
    }

    static TeckoConfig ensure(TeckoConfig config, Path dataDir) {
        if (MasterKey.from(config).isPresent()) {
            return config;
        }
        Path file = dataDir.resolve(NAME);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, MasterKey.generateBase64() + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the master key file " + file, e);
        }
        return config.with(MasterKey.FILE_ENV, file.toString());
    }
}
