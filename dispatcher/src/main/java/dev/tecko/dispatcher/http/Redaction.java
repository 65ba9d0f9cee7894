package dev.tecko.dispatcher.http;

/** Keeps credentials out of anything that is logged or written: a target may echo a header back in an error body. */
public final class Redaction {
    public static final String MASK = "****";

    private Redaction() {
    }

    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }
}
