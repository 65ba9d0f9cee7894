package dev.tecko.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme (standardwebhooks.com), used by OpenAI's webhooks and by our own outgoing
 * webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, possibly several space-separated
 * (key rotation), with a signing secret {@code whsec_<base64>} and a 5-minute tolerance on {@code webhook-timestamp}.
 */
public final class StandardWebhooks {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;

    /** @param secret {@code whsec_<base64>} (the prefix is optional); the message of a bad one never repeats it */
    public StandardWebhooks(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    public StandardWebhooks(String secret, Duration tolerance) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("webhook signing secret is empty");
        }
        String b64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            this.key = Base64.getDecoder().decode(b64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook signing secret must be whsec_ followed by base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("webhook signing secret is empty");
        }
        this.tolerance = tolerance;
    }

    /** Why a request was refused; {@code OK} when it was not. */
    public enum Verdict { OK, MISSING_HEADERS, BAD_TIMESTAMP, TIMESTAMP_OUT_OF_TOLERANCE, BAD_SIGNATURE }

    /** The {@code webhook-signature} value for this message: {@code v1,<base64>}. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(id, Long.toString(timestampSeconds), body));
    }

    public String sign(String id, long timestampSeconds, String body) {
        return sign(id, timestampSeconds, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks the three headers against the body at {@code now}; constant-time comparison of signatures. */
    public Verdict verify(String id, String timestamp, String signatureHeader, byte[] body, Instant now) {
        if (id == null || id.isBlank() || timestamp == null || timestamp.isBlank() || signatureHeader == null
                || signatureHeader.isBlank()) {
            return Verdict.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Verdict.TIMESTAMP_OUT_OF_TOLERANCE;
        }
        byte[] expected = hmac(id, timestamp.trim(), body);
        for (String candidate : signatureHeader.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return Verdict.OK;
            }
        }
        return Verdict.BAD_SIGNATURE;
    }

    private byte[] hmac(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "StandardWebhooks[secret=****, tolerance=" + tolerance + "]";
    }
}
