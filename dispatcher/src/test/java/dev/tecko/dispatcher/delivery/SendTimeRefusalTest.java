package dev.tecko.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.dispatcher.webhook.WebhookClient;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A trigger's job may have been written straight to {@code job-commands} by anyone: right before sending, the dispatcher
 * checks again that the secret is of the target's kind and the host is allowed, and sends nothing otherwise.
 */
class SendTimeRefusalTest {
    private static final String KEBOOLA_TOKEN = "kbc-real-token-0001";
    private static final String OPENAI_KEY = "sk-openai-key-that-must-stay-home";

    private final SandboxKeboola keboola = SandboxKeboola.start(KEBOOLA_TOKEN, OPENAI_KEY);
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Secret> secrets = Map.of(
            "kbc", new Secret("kbc", SecretType.KEBOOLA, null, KEBOOLA_TOKEN),
            "openai", new Secret("openai", SecretType.OPENAI, null, OPENAI_KEY));

    @AfterEach
    void stop() {
        keboola.close();
    }

    private TriggerResult send(String stackUrl, String secret) {
        var http = HttpClients.create(Duration.ofSeconds(1), Duration.ofSeconds(1));
        var caller = new ResilientCaller(new RetryPolicy(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50)),
                new BreakerPolicy(100, 50, Duration.ofSeconds(1)), clock, Waiter.SLEEPING, (type, outcome) -> { });
        // the sandbox's allow-list: loopback by name is allowed, nothing else beyond Keboola's own hosts
        var dispatcher = new TriggerDispatcher(name -> Optional.ofNullable(secrets.get(name)), new KeboolaQueueClient(http, clock),
                new WebhookClient(http, clock), caller, new TriggerDispatcher.Recovery(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                new TargetAllowList(List.of(), true), clock, Waiter.SLEEPING);
        TriggerCommand trigger = TriggerCommand.of("job-1", "job", 1, TriggerTarget.keboola(stackUrl, "keboola.orchestrator", "1", secret),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.now());
        return dispatcher.dispatch(trigger, DispatchMark.sent(trigger, null, clock.instant()), false, () -> false);
    }

    @Test
    void givenAKeboolaTargetWhoseSecretIsTheOpenAiKey_whenDispatched_thenItIsRefusedAndNothingIsSent() {
        TriggerResult result = send(keboola.url(), "openai");

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.REFUSED);
        assertThat(result.attempts()).isZero();
        assertThat(result.error()).contains("secret 'openai' is a openai secret", "needs a keboola secret").doesNotContain(OPENAI_KEY);
        assertThat(keboola.postAttempts()).as("requests that reached Keboola").isZero();
    }

    @Test
    void givenATargetOnAnotherLoopbackAddress_whenDispatched_thenItIsRefusedAndNoConnectionIsMade() throws Exception {
        try (ServerSocket stranger = new ServerSocket()) {
            stranger.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            stranger.setSoTimeout(300);

            TriggerResult result = send("http://127.0.0.2:" + stranger.getLocalPort(), "kbc");

            assertThat(result.outcome()).isEqualTo(TriggerOutcome.REFUSED);
            assertThat(result.error()).startsWith("target ");
            assertThatThrownBy(stranger::accept).as("no connection reached the stranger").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void givenAHostOffTheAllowList_whenDispatched_thenItIsRefused() {
        TriggerResult result = send("https://connection.keboola.com.evil.example", "kbc");

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.REFUSED);
        assertThat(result.error()).contains("is not on the allow-list");
    }

    @Test
    void givenTheRightSecretAndAnAllowedHost_whenDispatched_thenItIsSent() {
        TriggerResult result = send(keboola.url(), "kbc");

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(keboola.received()).hasSize(1);
    }
}
