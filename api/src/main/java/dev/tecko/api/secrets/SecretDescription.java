package dev.tecko.api.secrets;

import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import java.time.Instant;

/** What the API shows of a secret: never its value, nor its ciphertext. */
public record SecretDescription(String name, SecretType type, String baseUrl, Instant createdAt) {
    public static SecretDescription of(EncryptedSecret secret) {
        return new SecretDescription(secret.name(), secret.type(), secret.baseUrl(), secret.createdAt());
    }
}
