package dev.tecko.platform.secrets;

/** A secret that is missing or cannot be decrypted; the message names the secret, never its value. */
public class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message);
    }
}
