package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.Fault;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.platform.secrets.SecretSources;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keboola answers 503 to every POST for a minute of sandbox time while triggers keep coming. Sandbox time runs
 * {@code SPEED} times faster than real time; the dispatcher reads the same clock (its retry budget), and its settings
 * measured in real time are the production defaults divided by {@code SPEED}: breaker open 30 s → 3 s, backoff 1 s..60 s
 * → 0.1 s..6 s. The retry budget is set to 45 s, shorter than the outage, on purpose: the triggers survive only because
 * waiting on an open circuit does not spend the budget (dispatcher/README.md, "Failures"). Sizes:
 * {@code -Dtecko.resilience.outage.triggers} (default 300), {@code -Dtecko.resilience.outage.seconds} (sandbox seconds,
 * default 60), {@code -Dtecko.resilience.outage.speed} (default 10).
 */
@ExtendWith(KafkaBrokerExtension.class)
class KeboolaOutageIT {
    private static final int TRIGGERS = Integer.getInteger("tecko.resilience.outage.triggers", 300);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("tecko.resilience.outage.seconds", 60));
    private static final int SPEED = Integer.getInteger("tecko.resilience.outage.speed", 10);
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(45);
    private static final String TOKEN = "kbc-token-" + UUID.randomUUID();

    @Test
    @DisplayName("given Keboola answering 503 for 60 s of sandbox time mid-run, when it recovers, "
            + "then the circuit breaker had opened, nothing is lost and every trigger is delivered once")
    @SuppressWarnings("try") // the runtimes only need to run; the test watches their topics and the sandboxes
    void circuitBreakerHoldsTriggersThroughAnOutage(EmbeddedKafka kafka) {
        var clock = new ScaledClock(SPEED);
        var cluster = new Cluster(kafka, "kbc-outage")
                .with("TECKO_DISPATCHER_BREAKER_OPEN_SECONDS", Long.toString(Math.max(1, 30 / SPEED)))
                .with("TECKO_DISPATCHER_RETRY_INITIAL_MILLIS", Long.toString(1_000 / SPEED))
                .with("TECKO_DISPATCHER_RETRY_MAX_MILLIS", Long.toString(60_000 / SPEED))
                .with("TECKO_DISPATCHER_RETRY_TOTAL_SECONDS", Long.toString(RETRY_BUDGET.toSeconds()));
        var meters = new SimpleMeterRegistry();
        try (SandboxKeboola keboola = SandboxKeboola.start(clock, TOKEN); var deliveries = new Deliveries(cluster, keboola)) {
            cluster.storeSecret(Deliveries.TOKEN_SECRET, SecretType.KEBOOLA, null, TOKEN);
            var config = cluster.config();
            try (var dispatcher = new DispatcherRuntime(config, meters, SecretSources.fromConfig(config, "Keboola tokens"), clock).start()) {
                deliveries.send(0, TRIGGERS / 2);
                await().atMost(Duration.ofMinutes(2)).until(() -> keboola.received().size() >= TRIGGERS / 4);

                keboola.fault(Fault.UNAVAILABLE);
                Instant outageStart = clock.instant();
                int deliveredBefore = keboola.received().size();
                int attemptsBefore = keboola.postAttempts();
                deliveries.send(TRIGGERS / 2, TRIGGERS);
                await().atMost(clock.real(OUTAGE).plusMinutes(1)).until(() -> !clock.instant().isBefore(outageStart.plus(OUTAGE)));
                keboola.clearFault();
                int attemptsDuringOutage = keboola.postAttempts() - attemptsBefore;
                double refusedByBreaker = meters.counter("tecko.dispatcher.attempts", "target", "keboola", "outcome", "circuit_open").count();

                await().atMost(Duration.ofMinutes(2)).until(() -> deliveries.collectResults() == TRIGGERS);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() -> {
                    deliveries.collectResults();
                    return deliveries.resultsCommitted() == TRIGGERS;
                });
                System.out.printf("KeboolaOutageIT: %d triggers, outage %d s sandbox time (%.1f s real at %dx): %d delivered before, "
                                + "%d POST attempts during it, %.0f calls refused by the open circuit, %d delivered after recovery, "
                                + "%d duplicate POSTs, %d failed, %d unknown%n", TRIGGERS, OUTAGE.toSeconds(), clock.real(OUTAGE).toMillis() / 1e3,
                        SPEED, deliveredBefore, attemptsDuringOutage, refusedByBreaker, keboola.received().size() - deliveredBefore,
                        deliveries.duplicatePosts(), deliveries.outcomes(TriggerOutcome.FAILED),
                        deliveries.unknownOutcomes());

                assertThat(refusedByBreaker).as("calls the open circuit held back").isPositive();
                deliveries.assertEveryTriggerDeliveredOnce(TRIGGERS);
                assertThat(deliveries.unknownOutcomes()).as("a 503 means not processed: never unknown").isZero();
            }
        }
    }
}
