package dev.tecko.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository these tests check; the build passes its root as {@code tecko.root}. */
final class Repository {
    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("tecko.root", "..")).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError(relative + " does not exist under " + root());
        }
        return path;
    }
}
