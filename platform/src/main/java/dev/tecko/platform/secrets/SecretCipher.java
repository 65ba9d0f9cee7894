package dev.tecko.platform.secrets;

import dev.tecko.schemas.Check;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with the JDK's cipher: a fresh 96-bit nonce per value, a 128-bit tag, and the secret's name, type and
 * base URL as associated data, so a ciphertext copied under another name, type or base URL does not decrypt. Records
 * bound to the name alone (written before) still decrypt; {@link #rebind} re-encrypts them.
 */
public final class SecretCipher {
    static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey key;

    public SecretCipher(MasterKey key) {
        this.key = key;
    }

    public EncryptedSecret encrypt(String name, SecretType type, String baseUrl, String value, Instant createdAt) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(name, type, baseUrl));
            byte[] ciphertext = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            var b64 = Base64.getEncoder();
            return new EncryptedSecret(Check.CURRENT_SCHEMA_VERSION, name, type, baseUrl, EncryptedSecret.AES_256_GCM, key.id(),
                    b64.encodeToString(nonce), b64.encodeToString(ciphertext), createdAt, EncryptedSecret.AAD_NAME_TYPE_BASE_URL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Whether this cipher's key is the one that encrypted the secret: by its {@code keyId} when it has one, else (written
     * before key ids existed) by trying to decrypt it. Lets a runtime refuse to start with the wrong master key.
     */
    public boolean verifies(EncryptedSecret encrypted) {
        if (encrypted.keyId() != null) {
            return encrypted.keyId().equals(key.id());
        }
        try {
            decrypt(encrypted);
            return true;
        } catch (SecretException e) {
            return false;
        }
    }

    /** The same secret, re-encrypted bound to name, type and base URL; its value and creation time unchanged. */
    public EncryptedSecret rebind(EncryptedSecret boundToNameOnly) {
        Secret secret = decrypt(boundToNameOnly);
        return encrypt(secret.name(), secret.type(), secret.baseUrl(), secret.value(), boundToNameOnly.createdAt());
    }

    private static byte[] associatedData(EncryptedSecret encrypted) {
        if (encrypted.boundToNameOnly()) {
            return encrypted.name().getBytes(StandardCharsets.UTF_8);
        }
        if (!EncryptedSecret.AAD_NAME_TYPE_BASE_URL.equals(encrypted.aad())) {
            throw new SecretException("secret '" + encrypted.name() + "' is bound by associated data '" + encrypted.aad()
                    + "', which this version does not know");
        }
        return associatedData(encrypted.name(), encrypted.type(), encrypted.baseUrl());
    }

    /** Each part length-prefixed, so no two different (name, type, base URL) give the same bytes. */
    private static byte[] associatedData(String name, SecretType type, String baseUrl) {
        var out = new ByteArrayOutputStream();
        for (String part : new String[] {name, type.name().toLowerCase(Locale.ROOT), baseUrl == null ? "" : baseUrl}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** @throws SecretException when the key is wrong or the ciphertext was altered (without saying more) */
    public Secret decrypt(EncryptedSecret encrypted) {
        var b64 = Base64.getDecoder();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, b64.decode(encrypted.nonce())));
            cipher.updateAAD(associatedData(encrypted));
            String value = new String(cipher.doFinal(b64.decode(encrypted.ciphertext())), StandardCharsets.UTF_8);
            return new Secret(encrypted.name(), encrypted.type(), encrypted.baseUrl(), value);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretException("secret '" + encrypted.name() + "' cannot be decrypted: wrong master key or altered ciphertext");
        }
    }
}
