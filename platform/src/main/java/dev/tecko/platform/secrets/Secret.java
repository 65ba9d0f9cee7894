package dev.tecko.platform.secrets;

import dev.tecko.schemas.SecretType;

/** A decrypted secret, held in memory only as long as a call needs it. Its {@code toString} never shows the value. */
public record Secret(String name, SecretType type, String baseUrl, String value) {
    @Override
    public String toString() {
        return "Secret[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", value=****]";
    }
}
