package dev.tecko.schemas;

import java.time.Instant;
import java.util.Base64;

/**
 * A named credential, encrypted. Value of the compacted {@code secrets} topic, key = secret name. AES-256-GCM with a
 * random 96-bit nonce per value and the secret name as associated data, so a ciphertext cannot be moved to another name.
 */
public record EncryptedSecret(
        int schemaVersion,
        String name,
        SecretType type,
        String baseUrl,
        String algorithm,
        String keyId,
        String nonce,
        String ciphertext,
        Instant createdAt) {

    public static final String AES_256_GCM = "AES-256-GCM";

    public EncryptedSecret {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(name, "name");
        Check.required(type, "type");
        if (baseUrl != null && !baseUrl.isEmpty()) {
            Check.httpUrl(baseUrl, "baseUrl");
        } else {
            baseUrl = null;
        }
        algorithm = algorithm == null ? AES_256_GCM : algorithm;
        if (!AES_256_GCM.equals(algorithm)) {
            throw new InvalidContractException("algorithm", "must be " + AES_256_GCM);
        }
        keyId = Check.optionalText(keyId, "keyId", 255);
        base64(nonce, "nonce");
        base64(ciphertext, "ciphertext");
        Check.required(createdAt, "createdAt");
    }

    private static void base64(String value, String field) {
        Check.required(value, field);
        if (value.isEmpty()) {
            throw new InvalidContractException(field, "must not be empty");
        }
        try {
            Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidContractException(field, "must be base64");
        }
    }

    /** Never the ciphertext, so a stray log line shows nothing worth attacking either. */
    @Override
    public String toString() {
        return "EncryptedSecret[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", createdAt=" + createdAt + "]";
    }
}
