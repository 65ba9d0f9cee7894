package dev.tecko.poller.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretException;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.provider.ClientSettings;
import dev.tecko.poller.openai.OpenAiClient;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.poller.schedule.IntervalPolicy;
import dev.tecko.poller.schedule.Jitter;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.poller.schedule.Snapshots;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.json.JsonSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchCheckerTest {
    private static final String KEY = "sk-checker-secret-key-42";
    private static final Executor INLINE = Runnable::run;
    /** The sandbox listens on loopback; everything else as in production. */
    private static final TargetAllowList ALLOW_LIST = new TargetAllowList(List.of(), true);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SandboxOpenAi sandbox = SandboxOpenAi.start(clock, KEY);
    private final PollSchedule schedule = new PollSchedule(clock, new IntervalPolicy(10), new Jitter(new Random(3), 0.1));
    private final List<BatchObservation> published = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitGate gate = new RateLimitGate();
    private final OpenAiClient client = new OpenAiClient(new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 2,
            Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10)), 4, gate, meters, clock);
    private String key = KEY;
    private final SecretSource secrets = name -> switch (name) {
        case "main" -> Optional.of(new Secret("main", SecretType.OPENAI, sandbox.baseUrl(), key));
        case "broken" -> throw new SecretException("secret 'broken' cannot be decrypted");
        case "keboola-token" -> Optional.of(new Secret("keboola-token", SecretType.KEBOOLA, sandbox.baseUrl(), key));
        case "off-list" -> Optional.of(new Secret("off-list", SecretType.OPENAI, "https://openai.attacker.example/v1", key));
        default -> Optional.empty();
    };

    @AfterEach
    void close() {
        client.close();
        sandbox.close();
    }

    private BatchChecker checker(boolean useList) {
        return new BatchChecker(schedule, client, new EndpointResolver(secrets, "https://api.openai.com/v1", ALLOW_LIST), gate, published::add,
                new CheckSettings(useList, 3, 100), meters, clock);
    }

    private void jobs(int jobs, int batches, String secret) {
        for (int j = 0; j < jobs; j++) {
            String[] ids = new String[batches];
            for (int b = 0; b < batches; b++) {
                ids[b] = "batch_" + j + "_" + b;
                sandbox.createBatch(ids[b], BatchPlan.completesAfter(Duration.ofSeconds(100), 10));
            }
            schedule.upsert(Snapshots.job("job" + j, JobStatus.ACTIVE, 10, secret, ids), 0);
        }
    }

    private void turn(BatchChecker checker, Duration after) {
        clock.advance(after);
        checker.dispatch(schedule.takeDue(), INLINE);
    }

    @Test
    void givenManyDueBatchesOfOneKey_whenCheckedWithTheList_thenFewCallsCoverThemAll() {
        jobs(20, 10, "main");
        var checker = checker(true);
        turn(checker, Duration.ofSeconds(6));

        assertThat(published).hasSize(200).allSatisfy(o -> assertThat(o.status()).isEqualTo(BatchStatus.VALIDATING));
        assertThat(sandbox.listRequests()).isEqualTo(2);
        assertThat(sandbox.getRequests()).isZero();

        published.clear();
        turn(checker, Duration.ofSeconds(3));
        turn(checker, Duration.ofSeconds(20));
        assertThat(published).hasSize(200).allSatisfy(o -> assertThat(o.status()).isEqualTo(BatchStatus.IN_PROGRESS));
    }

    @Test
    void givenTheListSwitchedOff_whenChecked_thenOneGetPerBatch() {
        jobs(5, 4, "main");
        turn(checker(false), Duration.ofSeconds(6));
        assertThat(published).hasSize(20);
        assertThat(sandbox.getRequests()).isEqualTo(20);
        assertThat(sandbox.listRequests()).isZero();
        assertThat(meters.counter("tecko.poller.polls", "outcome", "changed").count()).isEqualTo(20);
    }

    @Test
    void givenDueBatchesTheListDoesNotShow_whenSwept_thenTheyGetTheirOwnGet() {
        jobs(1, 3, "main");
        schedule.upsert(Snapshots.job("ghost", JobStatus.ACTIVE, 10, "main", "batch_missing", "batch_0_0", "batch_0_1"), 0);
        turn(checker(true), Duration.ofSeconds(6));
        assertThat(sandbox.requests("/v1/batches/batch_missing")).isEqualTo(1);
        // one 404 is not terminal: a poll error, the batch stays watched (NotFoundPolicy)
        assertThat(published).filteredOn(o -> o.batchId().equals("batch_missing")).singleElement()
                .satisfies(o -> assertThat(o.pollError().code()).isEqualTo("not_found"));
    }

    @Test
    void givenABatchOpenAiShowsOnlyAMinuteAfterItWasCreated_whenPolledMeanwhile_thenItIsNeverFailed_andCompletesOnceShown() {
        // Given a batch that answers 404 for its first minute, as a batch created moments ago can
        jobs(1, 1, "main");
        sandbox.hideUntil("batch_0_0", clock.instant().plus(Duration.ofSeconds(60)));
        var checker = checker(false);

        // When it is polled throughout, until it completes (100 s after its creation)
        for (int turn = 0; turn < 40 && published.stream().noneMatch(o -> o.status() == BatchStatus.COMPLETED); turn++) {
            turn(checker, Duration.ofSeconds(10));
        }

        // Then the 404s were poll errors, never a failed batch, and it completed
        assertThat(published).filteredOn(o -> o.pollError() != null).isNotEmpty()
                .allSatisfy(o -> assertThat(o.pollError().code()).isEqualTo("not_found"));
        assertThat(published).extracting(BatchObservation::status).doesNotContain(BatchStatus.FAILED).contains(BatchStatus.COMPLETED);
    }

    @Test
    void givenOpenAiRedirectsToAnotherHost_whenChecked_thenTheRedirectIsNotFollowedAndTheKeyStaysHome() {
        try (SandboxOpenAi elsewhere = SandboxOpenAi.start(clock, KEY)) {
            elsewhere.createBatch("batch_0_0", BatchPlan.completesAfter(Duration.ofSeconds(100), 10));
            jobs(1, 1, "main");
            sandbox.redirectNext(1, elsewhere.baseUrl());

            turn(checker(false), Duration.ofSeconds(6));

            assertThat(elsewhere.totalRequests()).as("requests that reached the other host").isZero();
            assertThat(published).singleElement().satisfies(o -> {
                assertThat(o.pollError()).isNotNull();
                assertThat(o.pollError().httpStatus()).isEqualTo(302);
                assertThat(o.pollError().message()).doesNotContain(KEY);
            });
        }
    }

    @Test
    void givenAWrongKey_whenChecked_thenPollErrorsWithoutTheKeyAndSlowPace() {
        jobs(1, 2, "main");
        key = "sk-wrong-key-that-must-not-leak";
        turn(checker(false), Duration.ofSeconds(6));
        assertThat(published).hasSize(2).allSatisfy(o -> {
            assertThat(o.pollError().code()).isEqualTo("unauthorized");
            assertThat(o.pollError().httpStatus()).isEqualTo(401);
            assertThat(o.status()).isEqualTo(BatchStatus.PENDING);
            String json = new String(new JsonSerde<>(BatchObservation.class).toBytes(o), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain(key).doesNotContain(KEY);
        });
        assertThat(schedule.interval("job0")).contains(Duration.ofSeconds(40));
    }

    @Test
    void givenUnknownOrBrokenSecrets_whenDue_thenEachBatchReportsSecretUnavailable() {
        schedule.upsert(Snapshots.job("a", JobStatus.ACTIVE, 10, "missing", "b1"), 0);
        schedule.upsert(Snapshots.job("b", JobStatus.ACTIVE, 10, "broken", "b2"), 0);
        turn(checker(true), Duration.ofSeconds(6));
        assertThat(published).extracting(o -> o.pollError().code()).containsExactly("secret_unavailable", "secret_unavailable");
        assertThat(sandbox.totalRequests()).isZero();
    }

    @Test
    void givenSecretsWrittenStraightToTheTopic_whenNotOpenAiOrOffTheAllowList_thenRefusedWithoutAnyRequest() {
        // Given a Keboola token named as a job's OpenAI secret, and an OpenAI key pointed at a host nobody allowed
        schedule.upsert(Snapshots.job("a", JobStatus.ACTIVE, 10, "keboola-token", "b1"), 0);
        schedule.upsert(Snapshots.job("b", JobStatus.ACTIVE, 10, "off-list", "b2"), 0);

        // When they are due
        turn(checker(true), Duration.ofSeconds(6));

        // Then each batch reports the refusal, and no request went out with either key
        assertThat(published).extracting(o -> o.pollError().code()).containsExactly("secret_refused", "secret_refused");
        assertThat(published.get(0).pollError().message()).contains("keboola secret, not a batch provider");
        assertThat(published.get(1).pollError().message()).contains("openai.attacker.example is not on the allow-list");
        assertThat(published).allSatisfy(o -> assertThat(o.pollError().message()).doesNotContain(KEY));
        assertThat(sandbox.totalRequests()).isZero();
    }

    @Test
    void givenARateLimit_whenChecked_thenTheKeyRestsUntilTheResetAndOthersAreUnaffected() {
        jobs(2, 1, "main");
        sandbox.failNext(1, 429, Duration.ofSeconds(60));
        var checker = checker(false);
        turn(checker, Duration.ofSeconds(6));
        assertThat(sandbox.totalRequests()).as("the second GET is held back by the gate").isEqualTo(1);
        turn(checker, Duration.ofSeconds(30));
        assertThat(sandbox.totalRequests()).isEqualTo(1);
        turn(checker, Duration.ofSeconds(31));
        assertThat(sandbox.totalRequests()).isEqualTo(3);
        assertThat(published).hasSize(2);
    }

    @Test
    void givenServerErrors_whenRetriesRunOut_thenAPollErrorOnceAndTheNextTurnRecovers() {
        jobs(1, 1, "main");
        sandbox.failNext(2, 500, null);
        var checker = checker(false);
        turn(checker, Duration.ofSeconds(6));
        assertThat(published).singleElement().satisfies(o -> assertThat(o.pollError().code()).isEqualTo("server_error"));
        turn(checker, Duration.ofSeconds(12));
        assertThat(published).hasSize(2);
        assertThat(published.get(1).pollError()).isNull();
    }

    @Test
    void givenAWebhookForAKnownBatch_whenFetchedNow_thenPublishedAsWebhook() {
        jobs(1, 1, "main");
        var checker = checker(true);
        checker.fetchNow("batch_0_0");
        checker.fetchNow("batch_nobody_knows");
        assertThat(published).singleElement().satisfies(o -> assertThat(o.source()).isEqualTo(ObservationSource.WEBHOOK));
        assertThat(sandbox.totalRequests()).isEqualTo(1);
    }

    @Test
    void givenAnotherPollersJob_whenTheBackstopFetchesItsBatch_thenPublishedAsItIs_andUnkindAnswersPublishNothing() {
        // Given a batch of a job this poller does not own (its snapshot went to another poller)
        sandbox.createBatch("batch_theirs", BatchPlan.completesAfter(Duration.ofSeconds(1), 10));
        clock.advance(Duration.ofSeconds(5));
        var checker = checker(false);

        // When OpenAI first answers 404 (a batch can, for a minute), then 500s until the retries run out
        sandbox.hideUntil("batch_theirs", clock.instant().plus(Duration.ofSeconds(60)));
        checker.fetchFor("job-theirs", "main", "batch_theirs");
        sandbox.hideUntil("batch_theirs", clock.instant());
        sandbox.failNext(2, 500, null);
        checker.fetchFor("job-theirs", "main", "batch_theirs");

        // Then nothing is published for them: the job's poll errors are its owner's to report
        assertThat(published).isEmpty();

        // When it answers, then the batch is published for that job as OpenAI shows it, as a webhook's
        checker.fetchFor("job-theirs", "main", "batch_theirs");
        assertThat(published).singleElement().satisfies(o -> {
            assertThat(o.jobId()).isEqualTo("job-theirs");
            assertThat(o.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(o.source()).isEqualTo(ObservationSource.WEBHOOK);
        });
    }

    @Test
    void givenASinkThatFails_whenPublishing_thenTheNextTurnPublishesAgain() {
        jobs(1, 1, "main");
        var failing = new BatchChecker(schedule, client, new EndpointResolver(secrets, "https://api.openai.com/v1", ALLOW_LIST), gate, o -> {
            throw new IllegalStateException("broker down");
        }, new CheckSettings(false, 3, 10), meters, clock);
        turn(failing, Duration.ofSeconds(6));
        turn(checker(false), Duration.ofSeconds(12));
        assertThat(published).hasSize(1);
    }
}
