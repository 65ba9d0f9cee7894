package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.schemas.SecretType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dispatcher as {@code tecko dispatcher} in a child JVM, killed with SIGKILL five times while it delivers triggers to
 * the sandbox Keboola, and started again each time. A kill can land between a POST and the commit of its result: the
 * next instance must find that Keboola job by its ledger's {@code sent} mark and a search, not POST again. Sizes:
 * {@code -Dtecko.resilience.dispatcher.triggers} (default 2,000, the size),
 * {@code -Dtecko.resilience.dispatcher.kills} (default 5).
 */
@ExtendWith(KafkaBrokerExtension.class)
class DispatcherKilledRepeatedlyIT {
    private static final int TRIGGERS = Integer.getInteger("tecko.resilience.dispatcher.triggers", 2_000);
    private static final int KILLS = Integer.getInteger("tecko.resilience.dispatcher.kills", 5);
    private static final String TOKEN = "kbc-token-" + UUID.randomUUID();

    @Test
    @DisplayName("given a dispatcher killed with SIGKILL five times mid-run, when it is restarted each time, "
            + "then every trigger has one result and Keboola received no duplicate job")
    void oneResultAndNoDuplicateJobAcrossRepeatedHardKills(EmbeddedKafka kafka) {
        var cluster = new Cluster(kafka, "disp-kill")
                // one stable instance id: a restarted instance fences its killed predecessor's transaction at once
                .with("TECKO_DISPATCHER_INSTANCE_ID", "dispatcher-1")
                .with("TECKO_DISPATCHER_MAX_POLL_RECORDS", "50")
                // a crashed run's trigger is looked up once no request of it can still be in flight: 2 s + 0.2 s here
                .with("TECKO_DISPATCHER_HTTP_CALL_TIMEOUT_MILLIS", "2000")
                .with("TECKO_DISPATCHER_RECOVERY_GRACE_MILLIS", "200")
                .with("TECKO_KAFKA_TRANSACTION_TIMEOUT_MS", "10000");
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN); var deliveries = new Deliveries(cluster, keboola)) {
            cluster.storeSecret(Deliveries.TOKEN_SECRET, SecretType.KEBOOLA, null, TOKEN);
            deliveries.send(0, TRIGGERS);
            long started = System.nanoTime();

            try (var dispatcher = new KillSchedule(KILLS, TRIGGERS,
                    () -> ChildRuntime.start("dispatcher", "256m", cluster.environment(), "dispatcher-killed"))) {
                var progress = new Progress("dispatcher-killed");
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    dispatcher.progress(keboola.received().size());
                    int results = deliveries.collectResults();
                    progress.report(keboola.received().size() + " POSTs, " + results + " results, kills at " + dispatcher.killedAt());
                    return dispatcher.allKillsDone() && results == TRIGGERS;
                });
                // and nothing more arrives: a second result committed late would show here
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> {
                    deliveries.collectResults();
                    return deliveries.resultsCommitted() == TRIGGERS;
                });
                System.out.printf("DispatcherKilledRepeatedlyIT: %d triggers, %d SIGKILLs (at %s POSTs), %.1f s, %d POSTs accepted "
                                + "(%d attempts), %d duplicate POSTs, %d unknown outcomes%n", TRIGGERS, KILLS, dispatcher.killedAt(),
                        (System.nanoTime() - started) / 1e9, keboola.received().size(), keboola.postAttempts(),
                        deliveries.duplicatePosts(), deliveries.unknownOutcomes());
            }
            deliveries.assertEveryTriggerDeliveredOnce(TRIGGERS);
            assertThat(deliveries.resultsCommitted()).isEqualTo(TRIGGERS);
        }
    }
}
