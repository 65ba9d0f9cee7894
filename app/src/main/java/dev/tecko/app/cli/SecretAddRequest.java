package dev.tecko.app.cli;

import dev.tecko.schemas.SecretType;

/** The body of {@code POST /api/secrets}. {@link #toString()} leaves the value out, so no log or message can show it. */
record SecretAddRequest(String name, SecretType type, String value, String baseUrl) {
    @Override
    public String toString() {
        return "SecretAddRequest[name=" + name + ", type=" + type + ", value=****, baseUrl=" + baseUrl + "]";
    }
}
