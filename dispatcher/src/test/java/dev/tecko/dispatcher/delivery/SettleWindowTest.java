package dev.tecko.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.dispatcher.webhook.WebhookClient;
import dev.tecko.embedded.keboola.Fault;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keboola's job search is eventually consistent: a job created by a request whose answer was lost shows in the search
 * only seconds later. The sandbox Keboola does the same ({@link SandboxKeboola#searchLag}); the dispatcher must then
 * wait out its settle window before it sends again, and never make a second Keboola job.
 */
class SettleWindowTest {
    private static final String TOKEN = "kbc-settle-token";
    private static final Duration LAG = Duration.ofMillis(1_500);
    private static final Duration SETTLE = Duration.ofSeconds(4);

    private final SandboxKeboola keboola = SandboxKeboola.start(TOKEN);
    private final Clock clock = Clock.systemUTC();

    @AfterEach
    void stop() {
        keboola.close();
    }

    private TriggerDispatcher dispatcher(Duration settle) {
        var http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2));
        var caller = new ResilientCaller(new RetryPolicy(Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(200)),
                new BreakerPolicy(100, 50, Duration.ofSeconds(1)), clock, Waiter.SLEEPING, (type, outcome) -> { });
        return new TriggerDispatcher(name -> Optional.of(new Secret(name, SecretType.KEBOOLA, null, TOKEN)),
                new KeboolaQueueClient(http, clock), new WebhookClient(http, clock), caller,
                new TriggerDispatcher.Recovery(Duration.ofMillis(500), Duration.ofSeconds(60), settle), new TargetAllowList(List.of(), true), clock, Waiter.SLEEPING);
    }

    private TriggerCommand trigger() {
        return TriggerCommand.of("job-1", "job", 1, TriggerTarget.keboola(keboola.url(), "keboola.orchestrator", "123", "kbc"),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.now());
    }

    private TriggerResult send(TriggerDispatcher dispatcher, TriggerCommand trigger) {
        return dispatcher.dispatch(trigger, DispatchMark.sent(trigger, null, clock.instant()), false, () -> false);
    }

    @Test
    void givenKeboolaCreatesTheJobAndDropsTheConnectionAndItsSearchLags_whenDispatched_thenThereIsExactlyOneKeboolaJob() {
        keboola.searchLag(LAG);
        keboola.fault(Fault.CREATE_THEN_DROP, 1);

        TriggerResult result = send(dispatcher(SETTLE), trigger());

        assertThat(keboola.jobsCreated()).as("Keboola jobs").isEqualTo(1);
        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.keboolaJobId()).isEqualTo(keboola.received().get(0).jobId());
    }

    @Test
    void givenKeboolaCreatesTheJobAndAnswers500AndItsSearchLags_whenDispatched_thenThereIsExactlyOneKeboolaJob() {
        keboola.searchLag(LAG);
        keboola.fault(Fault.CREATE_THEN_500, 1);

        TriggerResult result = send(dispatcher(SETTLE), trigger());

        assertThat(keboola.jobsCreated()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
    }

    @Test
    void givenA201WithoutAJobId_whenDispatched_thenTheJobIsFoundBySearchAndNeverRequestedAgain() {
        keboola.searchLag(LAG);
        keboola.fault(Fault.CREATE_THEN_GARBAGE);

        TriggerResult result = send(dispatcher(SETTLE), trigger());

        assertThat(keboola.postAttempts()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.keboolaJobId()).isEqualTo(keboola.received().get(0).jobId());
    }

    @Test
    void givenA201WithoutAJobIdAndAJobTheSearchNeverShows_whenDispatched_thenTheOutcomeIsUnknownAfterOnePost() {
        keboola.searchLag(Duration.ofHours(1));
        keboola.fault(Fault.CREATE_THEN_GARBAGE);

        TriggerResult result = send(dispatcher(Duration.ofSeconds(1)), trigger());

        assertThat(keboola.postAttempts()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo(TriggerOutcome.UNKNOWN);
        assertThat(result.error()).contains("answer named no job");
    }

    @Test
    void givenALostAnswerAndASearchThatNeverShowsTheJob_whenTheSettleWindowHasPassed_thenTheOutcomeIsUnknownAndNothingIsSentAgain() {
        keboola.searchLag(Duration.ofHours(1));
        keboola.fault(Fault.CREATE_THEN_DROP, 1);
        long started = System.nanoTime();

        TriggerResult result = send(dispatcher(Duration.ofSeconds(2)), trigger());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the search had the whole window")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(result.outcome()).isEqualTo(TriggerOutcome.UNKNOWN);
        assertThat(result.error()).contains("not sent again");
        assertThat(keboola.postAttempts()).isEqualTo(1);
    }
}
