package dev.tecko.app;

import dev.tecko.platform.config.TeckoConfig;
import java.nio.file.Path;

/** Where {@code tecko up} keeps the embedded broker's data, the processor's state, the master key and the API token. */
public final class DataDir {
    public static final String ENV = "TECKO_DATA_DIR";
    public static final String DEFAULT = ".tecko";

    private DataDir() {
    }

    public static Path of(TeckoConfig config) {
        return Path.of(config.string(ENV, DEFAULT)).toAbsolutePath();
    }
}
