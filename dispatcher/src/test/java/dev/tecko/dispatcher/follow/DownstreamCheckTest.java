package dev.tecko.dispatcher.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One look at a Keboola job, against the sandbox Queue API on loopback, whose jobs run on a clock the test moves. */
class DownstreamCheckTest {
    private static final String TOKEN = "kbc-token-never-shown";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final SandboxKeboola keboola = SandboxKeboola.start(clock, TOKEN);
    private final SecretSource secrets = name -> switch (name) {
        case "kbc" -> Optional.of(new Secret(name, SecretType.KEBOOLA, null, TOKEN));
        case "openai" -> Optional.of(new Secret(name, SecretType.OPENAI, null, "sk-x"));
        default -> Optional.empty();
    };
    private final KeboolaQueueClient client = new KeboolaQueueClient(HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2)), clock);
    private final DownstreamCheck check = new DownstreamCheck(secrets, client, new TargetAllowList(List.of(), true), clock);

    @AfterEach
    void close() {
        keboola.close();
    }

    private String createJob(String config) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(keboola.url() + "/jobs")).header("X-StorageApi-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"run\",\"component\":\"comp\",\"config\":\"" + config + "\"}")).build();
        var answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return dev.tecko.schemas.json.Json.mapper().readTree(answer.body()).path("id").asText();
    }

    private FollowedJob followed(String keboolaJobId, String secret) {
        return new FollowedJob("job-1", "job-1:1", 1, keboolaJobId, TriggerTarget.keboola(keboola.url(), "comp", "cfg", secret), null);
    }

    private DownstreamObservation seen(FollowedJob job) {
        var outcome = check.check(job);
        assertThat(outcome).isInstanceOf(DownstreamCheck.Outcome.Seen.class);
        return ((DownstreamCheck.Outcome.Seen) outcome).observation();
    }

    @Test
    @DisplayName("given a Keboola job running on its own clock, when checked along the way, then each check reports where it is, with start, end, duration and message at the end")
    void aJobIsSeenThroughItsLife() throws Exception {
        FollowedJob job = followed(createJob("cfg"), "kbc");
        assertThat(seen(job).status()).isEqualTo(DownstreamStatus.CREATED);
        clock.advance(Duration.ofMillis(600));
        assertThat(seen(job).status()).isEqualTo(DownstreamStatus.WAITING);
        clock.advance(Duration.ofMillis(600));
        DownstreamObservation processing = seen(job);
        assertThat(processing.status()).isEqualTo(DownstreamStatus.PROCESSING);
        assertThat(processing.startedAt()).isNotNull();
        clock.advance(Duration.ofSeconds(5));
        DownstreamObservation done = seen(job);
        assertThat(done.status()).isEqualTo(DownstreamStatus.SUCCESS);
        assertThat(done.finishedAt()).isAfter(done.startedAt());
        assertThat(done.durationSeconds()).isEqualTo(2);
        assertThat(done.message()).isEqualTo("Job succeeded");
        assertThat(done.triggerId()).isEqualTo("job-1:1");
        assertThat(done.observedAt()).isEqualTo(clock.instant());
    }

    @Test
    @DisplayName("given a Keboola job told to fail, then its end is error with Keboola's message; one told to terminate passes through terminating")
    void errorsAndTerminationsAreSeen() throws Exception {
        keboola.endNextJobs("bad", "error", 1);
        keboola.endNextJobs("stopped", "terminated", 1);
        FollowedJob failing = followed(createJob("bad"), "kbc");
        FollowedJob stopped = followed(createJob("stopped"), "kbc");
        clock.advance(Duration.ofMillis(2_700));
        assertThat(seen(stopped).status()).isEqualTo(DownstreamStatus.TERMINATING);
        clock.advance(Duration.ofSeconds(1));
        DownstreamObservation error = seen(failing);
        assertThat(error.status()).isEqualTo(DownstreamStatus.ERROR);
        assertThat(error.message()).startsWith("User error");
        assertThat(seen(stopped).status()).isEqualTo(DownstreamStatus.TERMINATED);
    }

    @Test
    @DisplayName("given a job Keboola does not know, a missing secret, a secret of another type or a stack off the allow-list, then no report and no token sent")
    void whatCannotBeFollowedIsSaidNotThrown() {
        assertThat(check.check(followed("999999", "kbc"))).isInstanceOfSatisfying(DownstreamCheck.Outcome.NotNow.class,
                notNow -> assertThat(notNow.reason()).contains("404").doesNotContain(TOKEN));
        assertThat(check.check(followed("1", "missing"))).isInstanceOf(DownstreamCheck.Outcome.NotNow.class);
        assertThat(check.check(followed("1", "openai"))).isInstanceOfSatisfying(DownstreamCheck.Outcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("openai secret"));
        var strict = new DownstreamCheck(secrets, client, new TargetAllowList(List.of(), false), clock);
        int before = keboola.jobReads();
        assertThat(strict.check(followed("1", "kbc"))).isInstanceOf(DownstreamCheck.Outcome.Refused.class);
        assertThat(keboola.jobReads()).as("nothing sent to a stack off the allow-list").isEqualTo(before);
    }
}
