package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.Fault;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerOutcome;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keboola as unkind as the real one, and the dispatcher must still make exactly one Keboola job per trigger (or say
 * {@code unknown}, never make two):
 * <ul>
 *   <li>the answer to a create is lost after the job was made (the connection is dropped, or a gateway says 500), and
 *       Keboola's search shows the new job only 10 s later;</li>
 *   <li>every create takes 20 s to answer, and a second dispatcher joins the group while those calls are in flight, so
 *       the partitions move to it mid-call.</li>
 * </ul>
 */
@ExtendWith(KafkaBrokerExtension.class)
class KeboolaAmbiguityIT {
    private static final String TOKEN = "kbc-ambiguity-" + UUID.randomUUID();
    private static final int TRIGGERS = Integer.getInteger("tecko.resilience.ambiguity.triggers", 20);

    @Test
    @DisplayName("given lost answers and a 10 s search lag, when triggers are delivered, then one Keboola job and one ok result each")
    void lostAnswersWithSearchLag(EmbeddedKafka kafka) {
        var cluster = new Cluster(kafka, "lost-answer")
                // the documented rule: the settle window must exceed Keboola's search lag
                .with("TECKO_DISPATCHER_SETTLE_SECONDS", "15")
                .with("TECKO_DISPATCHER_METRICS_PORT", "0")
                .with("TECKO_DISPATCHER_HTTP_CALL_TIMEOUT_MILLIS", "5000")
                .with("TECKO_DISPATCHER_RETRY_INITIAL_MILLIS", "100");
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN); var deliveries = new Deliveries(cluster, keboola)) {
            keboola.searchLag(Duration.ofSeconds(10));
            cluster.storeSecret(Deliveries.TOKEN_SECRET, SecretType.KEBOOLA, null, TOKEN);
            // half of the creates lose their answer, in two ways; the rest are answered
            keboola.fault(Fault.CREATE_THEN_DROP, TRIGGERS / 4);
            deliveries.send(0, TRIGGERS / 4);
            long started = System.nanoTime();
            try (var dispatcher = new DispatcherRuntime(cluster.config()).start()) {
                await().atMost(Duration.ofSeconds(90)).until(() -> keboola.postAttempts() >= TRIGGERS / 4);
                keboola.fault(Fault.CREATE_THEN_500, TRIGGERS / 4);
                deliveries.send(TRIGGERS / 4, TRIGGERS);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> deliveries.collectResults() == TRIGGERS);
            }
            System.out.printf("KeboolaAmbiguityIT lost answers: %d triggers, %d answers lost, search lag 10 s, settle 15 s: %.1f s, "
                            + "%d POST attempts, %d Keboola jobs, %d duplicates, %d ok, %d unknown%n", TRIGGERS, TRIGGERS / 2,
                    (System.nanoTime() - started) / 1e9, keboola.postAttempts(), keboola.jobsCreated(), deliveries.duplicatePosts(),
                    deliveries.outcomes(TriggerOutcome.OK), deliveries.unknownOutcomes());
            deliveries.assertEveryTriggerDeliveredOnce(TRIGGERS);
            assertThat(keboola.postAttempts()).as("POSTs: one per trigger, never a second after a lost answer").isEqualTo(TRIGGERS);
            assertThat(deliveries.outcomes(TriggerOutcome.OK)).as("found by the search within the settle window").isEqualTo(TRIGGERS);
        }
    }

    @Test
    @DisplayName("given creates that take 20 s, when a second dispatcher joins mid-call, then one Keboola job and one result each")
    void rebalanceDuringSlowCreates(EmbeddedKafka kafka) {
        int triggers = 8;
        var cluster = new Cluster(kafka, "slow-post")
                .with("TECKO_DISPATCHER_METRICS_PORT", "0")
                .with("TECKO_DISPATCHER_HTTP_CALL_TIMEOUT_MILLIS", "30000")
                .with("TECKO_DISPATCHER_SETTLE_SECONDS", "5");
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN); var deliveries = new Deliveries(cluster, keboola)) {
            keboola.slowAnswer(Duration.ofSeconds(20));
            keboola.fault(Fault.SLOW, triggers);
            cluster.storeSecret(Deliveries.TOKEN_SECRET, SecretType.KEBOOLA, null, TOKEN);
            deliveries.send(0, triggers);
            long started = System.nanoTime();
            TeckoConfig first = cluster.config().with("TECKO_DISPATCHER_INSTANCE_ID", "first");
            TeckoConfig second = cluster.config().with("TECKO_DISPATCHER_INSTANCE_ID", "second");
            try (var one = new DispatcherRuntime(first).start()) {
                // Given the first dispatcher's creates are in flight (Keboola made the jobs, the answers take 20 s)
                await().atMost(Duration.ofSeconds(60)).until(() -> keboola.jobsCreated() >= 2);
                // When a second dispatcher joins and takes partitions over mid-call
                try (var two = new DispatcherRuntime(second).start()) {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                            .until(() -> deliveries.collectResults() == triggers);
                }
            }
            System.out.printf("KeboolaAmbiguityIT rebalance: %d triggers, creates answered after 20 s, second dispatcher joined "
                            + "mid-call: %.1f s, %d POST attempts, %d Keboola jobs, %d searches, %d duplicates, %d ok, %d unknown%n", triggers,
                    (System.nanoTime() - started) / 1e9, keboola.postAttempts(), keboola.jobsCreated(), keboola.searches(),
                    deliveries.duplicatePosts(),
                    deliveries.outcomes(TriggerOutcome.OK), deliveries.unknownOutcomes());
            // Then every trigger has one result and Keboola one job for it
            deliveries.assertEveryTriggerDeliveredOnce(triggers);
            assertThat(keboola.jobsCreated()).isEqualTo(triggers);
            // and no owner had to reconcile: a revoked partition is released only once its call in flight has ended and its
            // result is committed, so the next owner finds the trigger done instead of sent-and-unknown
            assertThat(keboola.searches()).as("look-ups of possibly created jobs").isZero();
        }
    }
}
