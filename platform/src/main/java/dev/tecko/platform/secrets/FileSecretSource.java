package dev.tecko.platform.secrets;

import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.json.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from a file of {@code EncryptedSecret} JSON, one per line (the same records the {@code secrets} topic holds);
 * later lines win. Re-read when the file changes, so secrets can be added without a restart.
 */
public final class FileSecretSource implements SecretSource {
    public static final String ENV = "TECKO_SECRETS_FILE";
    private static final JsonSerde<EncryptedSecret> SERDE = new JsonSerde<>(EncryptedSecret.class);

    private final Path file;
    private final SecretCipher cipher;
    private Map<String, EncryptedSecret> byName = Map.of();
    private long loadedModified = -1;

    public FileSecretSource(Path file, SecretCipher cipher) {
        this.file = file;
        this.cipher = cipher;
    }

    /** Writes the file in the format this class reads; used by tooling and tests. */
    public static void write(Path file, List<EncryptedSecret> secrets) {
        var sb = new StringBuilder();
        for (EncryptedSecret s : secrets) {
            sb.append(new String(SERDE.toBytes(s), StandardCharsets.UTF_8)).append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Optional<Secret> find(String name) {
        reloadIfChanged();
        EncryptedSecret encrypted = byName.get(name);
        return encrypted == null ? Optional.empty() : Optional.of(cipher.decrypt(encrypted));
    }

    private void reloadIfChanged() {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (modified == loadedModified) {
                return;
            }
            Map<String, EncryptedSecret> loaded = new HashMap<>();
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    EncryptedSecret s = SERDE.fromBytes(line.getBytes(StandardCharsets.UTF_8));
                    loaded.put(s.name(), s);
                } catch (RuntimeException e) {
                    throw new SecretException(ENV + " (" + file + ") line " + lineNo + ": " + e.getMessage());
                }
            }
            byName = loaded;
            loadedModified = modified;
        } catch (IOException e) {
            throw new SecretException(ENV + " names '" + file + "', which cannot be read: " + e.getMessage());
        }
    }
}
