package dev.tecko.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.webhooks.StandardWebhooks.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
    // the example from the Standard Webhooks specification
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TS = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final StandardWebhooks webhooks = new StandardWebhooks(SECRET);
    private final Instant now = Instant.ofEpochSecond(TS);

    private byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenTheSpecificationExample_whenSigned_thenTheSignatureMatchesTheSpecification() {
        assertThat(webhooks.sign(ID, TS, BODY)).isEqualTo(EXPECTED);
        assertThat(webhooks.verify(ID, Long.toString(TS), EXPECTED, body(BODY), now)).isEqualTo(Verdict.OK);
    }

    @Test
    void givenSeveralSignatures_whenOneMatches_thenAccepted() {
        String header = "v2,abc v1,bm90LXRoaXM= v1,%%% " + EXPECTED;
        assertThat(webhooks.verify(ID, Long.toString(TS), header, body(BODY), now)).isEqualTo(Verdict.OK);
    }

    @Test
    void givenATamperedBodyIdOrSignature_whenVerified_thenBadSignature() {
        assertThat(webhooks.verify(ID, Long.toString(TS), EXPECTED, body(BODY + " "), now)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(webhooks.verify(ID + "x", Long.toString(TS), EXPECTED, body(BODY), now)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(webhooks.verify(ID, Long.toString(TS), "v1,AAAA", body(BODY), now)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(new StandardWebhooks("whsec_c2Vjb25k").verify(ID, Long.toString(TS), EXPECTED, body(BODY), now))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void givenTimestampsOutsideFiveMinutes_whenVerified_thenRejectedEitherWay() {
        long late = TS - 301;
        String signed = webhooks.sign(ID, late, BODY);
        assertThat(webhooks.verify(ID, Long.toString(late), signed, body(BODY), now)).isEqualTo(Verdict.TIMESTAMP_OUT_OF_TOLERANCE);
        long early = TS + 301;
        assertThat(webhooks.verify(ID, Long.toString(early), webhooks.sign(ID, early, BODY), body(BODY), now))
                .isEqualTo(Verdict.TIMESTAMP_OUT_OF_TOLERANCE);
        long edge = TS - 300;
        assertThat(webhooks.verify(ID, Long.toString(edge), webhooks.sign(ID, edge, BODY), body(BODY), now)).isEqualTo(Verdict.OK);
    }

    @Test
    void givenMissingOrMalformedHeaders_whenVerified_thenRefusedWithTheReason() {
        assertThat(webhooks.verify(null, "1", EXPECTED, body(BODY), now)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(webhooks.verify(ID, " ", EXPECTED, body(BODY), now)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(webhooks.verify(ID, "1", null, body(BODY), now)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(webhooks.verify(ID, "yesterday", EXPECTED, body(BODY), now)).isEqualTo(Verdict.BAD_TIMESTAMP);
    }

    @Test
    void givenBadSecrets_whenConstructed_thenRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> new StandardWebhooks("whsec_not base64!")).hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> new StandardWebhooks("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StandardWebhooks("whsec_")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new StandardWebhooks(SECRET, Duration.ofMinutes(1)).toString()).doesNotContain("MfKQ");
    }
}
