package dev.tecko.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * A credential {@code tecko up} keeps in its data directory when none is configured: generated on first run into a file
 * only its owner can read (mode 600), reused on every later run so restarts keep working.
 */
final class CredentialFile {
    private CredentialFile() {
    }

    /** The file, created with a fresh value from {@code generator} if it does not exist yet. */
    static Path ensure(Path dataDir, String name, Supplier<String> generator) {
        Path file = dataDir.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, generator.get() + "\n", StandardCharsets.UTF_8);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
