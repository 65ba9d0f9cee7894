package dev.tecko.schemas;

import java.time.Instant;
import java.util.Base64;

/**
 * A named credential, encrypted. Value of the compacted {@code secrets} topic, key = secret name. AES-256-GCM with a
 * random 96-bit nonce per value. The associated data binds the ciphertext to what the secret is for: name, type and base
 * URL ({@code aad} = {@link #AAD_NAME_TYPE_BASE_URL}), so it cannot be moved to another name, turned into another type
 * of secret (an OpenAI key offered as a Keboola token) or pointed at another host. Records written before carry no
 * {@code aad} and were bound to the name alone; they are still read, and re-encrypted by the API.
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
        Instant createdAt,
        String aad) {

    public static final String AES_256_GCM = "AES-256-GCM";
    /** The associated data is the name, the type and the base URL (length-prefixed UTF-8, in that order). */
    public static final String AAD_NAME_TYPE_BASE_URL = "name,type,baseUrl";

    /** A record as written before {@code aad} existed: bound to its name alone. */
    public EncryptedSecret(int schemaVersion, String name, SecretType type, String baseUrl, String algorithm, String keyId,
                           String nonce, String ciphertext, Instant createdAt) {
        this(schemaVersion, name, type, baseUrl, algorithm, keyId, nonce, ciphertext, createdAt, null);
    }

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
        keyId = Check.optionalText(keyId, "keyId", Check.MAX_NAME);
        base64(nonce, "nonce");
        base64(ciphertext, "ciphertext");
        Check.required(createdAt, "createdAt");
        aad = Check.optionalText(aad, "aad", Check.MAX_NAME);
    }

    /** Written before the associated data covered type and base URL: to be re-encrypted. */
    public boolean boundToNameOnly() {
        return aad == null;
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
        return "EncryptedSecret[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", createdAt=" + createdAt + ", aad=" + aad + "]";
    }
}
