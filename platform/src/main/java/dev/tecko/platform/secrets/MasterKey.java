package dev.tecko.platform.secrets;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The AES-256 key that encrypts every secret: {@code TECKO_MASTER_KEY} (base64 of 32 bytes) or {@code TECKO_MASTER_KEY_FILE}. */
public final class MasterKey {
    public static final String ENV = "TECKO_MASTER_KEY";
    public static final String FILE_ENV = "TECKO_MASTER_KEY_FILE";
    private static final int BYTES = 32;

    private static final String ID_PREFIX = "k1-";
    private static final byte[] ID_INPUT = "tecko master key check".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        this.id = fingerprint(raw);
        Arrays.fill(raw, (byte) 0);
    }

    /**
     * A one-way fingerprint: a MAC of a fixed text under the key, so it identifies the key without revealing anything
     * about it and can be stored next to what the key encrypted (a key check value).
     */
    private static String fingerprint(byte[] raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            return ID_PREFIX + HexFormat.of().formatHex(mac.doFinal(ID_INPUT), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    public static MasterKey fromBase64(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " must be base64 of 32 random bytes; it is not valid base64");
        }
        if (raw.length != BYTES) {
            throw new ConfigException(source + " must be base64 of 32 random bytes; it decodes to " + raw.length + " bytes");
        }
        return new MasterKey(raw);
    }

    public static MasterKey fromFile(Path file) {
        try {
            return fromBase64(Files.readString(file, StandardCharsets.UTF_8), FILE_ENV + " (" + file + ")");
        } catch (IOException e) {
            throw new ConfigException(FILE_ENV + " names '" + file + "', which cannot be read: " + e.getMessage(), e);
        }
    }

    /** The key the config names, if it names one. */
    public static java.util.Optional<MasterKey> from(TeckoConfig config) {
        var inline = config.optional(ENV);
        if (inline.isPresent()) {
            return java.util.Optional.of(fromBase64(inline.get(), ENV));
        }
        return config.optional(FILE_ENV).map(Path::of).map(MasterKey::fromFile);
    }

    public static String generateBase64() {
        byte[] raw = new byte[BYTES];
        SecretCipher.RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    SecretKey key() {
        return key;
    }

    /** The key's public fingerprint ({@code k1-} and 16 hex digits), stored as {@code keyId} in every secret it encrypts. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }
}
