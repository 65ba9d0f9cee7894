package dev.tecko.dispatcher.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A Keboola as unkind as the real one, seen by one look at a job: an outage answering 503 (with the token echoed back), an
 * answer that is not JSON, a body cut off, and a job whose result message is a megabyte. Each is a report or a "not now",
 * never an exception that would stop following, and never a token in what is said.
 */
class DownstreamCheckUnkindTest {
    private static final String TOKEN = "kbc-unkind-token";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final SecretSource secrets = name -> Optional.of(new Secret(name, SecretType.KEBOOLA, null, TOKEN));

    private DownstreamCheck.Outcome check() {
        var check = new DownstreamCheck(secrets, new KeboolaQueueClient(HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                Clock.systemUTC()), new TargetAllowList(List.of(), true), Clock.systemUTC());
        var job = new FollowedJob("job-1", "job-1:1", 1, "42", TriggerTarget.keboola(server.url("/").toString(), "c", "x", "kbc"), null);
        return check.check(job);
    }

    @Test
    void givenAnOutageThenGarbageThenACutBody_whenChecked_thenEachIsNotNowWithoutTheToken() {
        server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"maintenance, token " + TOKEN + "\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("<html>gateway</html>").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"42\"}").build());

        for (int i = 0; i < 3; i++) {
            assertThat(check()).isInstanceOfSatisfying(DownstreamCheck.Outcome.NotNow.class,
                    notNow -> assertThat(notNow.reason()).doesNotContain(TOKEN));
        }
    }

    @Test
    void givenAFinishedJobWithAMegabyteMessage_whenChecked_thenItIsReportedWithTheMessageCutToTheContractsBound() {
        String huge = "x".repeat(1_000_000);
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"42\",\"status\":\"error\",\"isFinished\":true,"
                + "\"startTime\":\"2026-12-05T10:00:00+00:00\",\"endTime\":\"2026-12-05T10:01:00+00:00\",\"durationSeconds\":60,"
                + "\"result\":{\"message\":\"" + huge + "\"}}").build());

        assertThat(check()).isInstanceOfSatisfying(DownstreamCheck.Outcome.Seen.class, seen -> {
            assertThat(seen.observation().status()).isEqualTo(DownstreamStatus.ERROR);
            assertThat(seen.observation().message()).hasSize(Check.MAX_TEXT).endsWith("…");
            assertThat(seen.observation().durationSeconds()).isEqualTo(60);
        });
    }
}
