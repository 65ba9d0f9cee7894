package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.TriggerTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as {@code tecko processor} in a child JVM, killed with SIGKILL five times during a run and restarted
 * on the same state directory each time. Exactly-once must hold across every crash: each expected trigger committed
 * once (counted {@code read_committed}, so aborted transactions do not count), none for jobs whose policy refuses,
 * and every job's last snapshot equal to the reference model, version included (a change applied twice would show), and
 * its batches' token usage and the job's total with it (a terminal observation counted twice would show).
 * Sizes: {@code -Dtecko.resilience.processor.jobs} (default 20,000, the size),
 * {@code -Dtecko.resilience.processor.kills} (default 5). {@code -Dtecko.resilience.processor.guarantee=at_least_once}
 * runs the processor without exactly-once, to watch this test catch the duplicates a crash then causes.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessorKilledRepeatedlyIT {
    private static final int JOBS = Integer.getInteger("tecko.resilience.processor.jobs", 20_000);
    private static final int KILLS = Integer.getInteger("tecko.resilience.processor.kills", 5);
    private static final String GUARANTEE = System.getProperty("tecko.resilience.processor.guarantee", "exactly_once_v2");
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");

    @Test
    @DisplayName("given a processor killed with SIGKILL five times mid-run, when it is restarted each time, "
            + "then no trigger is lost or duplicated and every snapshot equals the reference model")
    void exactlyOnceAcrossRepeatedHardKills(EmbeddedKafka kafka, @TempDir Path stateDir) {
        var cluster = new Cluster(kafka, "proc-kill");
        var workload = JobWorkload.random("job-", JOBS, new Random(Seeds.seed("ProcessorKilledRepeatedlyIT")), TARGET);
        var environment = new HashMap<>(cluster.environment());
        environment.put(RuntimeSettings.STATE_DIR, stateDir.toString());
        environment.put(RuntimeSettings.GUARANTEE, GUARANTEE);
        int expectedTriggers = workload.expectedTriggerIds().size();
        long started = System.nanoTime();

        try (var processor = new KillSchedule(KILLS, expectedTriggers,
                     () -> ChildRuntime.start("processor", "512m", environment, "processor-killed"));
             var standIns = new StandIns(cluster, workload);
             var commands = cluster.producer(cluster.topics().jobCommands())) {
            workload.jobs().forEach(job -> commands.send(
                    new ProducerRecord<>(cluster.topics().jobCommands().name(), job.jobId(), workload.create(job))));
            commands.flush();

            var progress = new Progress("processor-killed");
            boolean completed = true;
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    standIns.step();
                    processor.progress(standIns.distinctTriggers());
                    progress.report(standIns.distinctTriggers() + " of " + expectedTriggers + " triggers, "
                            + standIns.finishedCount() + " of " + JOBS + " jobs finished, kills at " + processor.killedAt());
                    return processor.allKillsDone() && standIns.allFinished();
                });
            } catch (ConditionTimeoutException stalled) {
                // a lost trigger leaves its job waiting forever: the assertions below name what is missing
                System.out.println("ProcessorKilledRepeatedlyIT: the run did not complete within 5 minutes");
                completed = false;
            }
            if (completed) {
                // and nothing more arrives: a duplicate committed late would show here
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> {
                    standIns.step();
                    return standIns.triggersCommitted() == expectedTriggers;
                });
            }

            System.out.printf("ProcessorKilledRepeatedlyIT: %d jobs, %d SIGKILLs (at %s triggers), %d triggers expected, "
                            + "%d committed (%d distinct), %.1f s%n", JOBS, KILLS, processor.killedAt(), expectedTriggers,
                    standIns.triggersCommitted(), standIns.distinctTriggers(), (System.nanoTime() - started) / 1e9);
            assertThat(standIns.triggerCounts().keySet()).isEqualTo(workload.expectedTriggerIds());
            assertThat(standIns.triggerCounts()).allSatisfy((id, n) -> assertThat(n).as("commits of trigger %s", id).isOne());
            var mismatches = workload.mismatches(standIns.latest());
            assertThat(mismatches).as("jobs differing from the reference model (first 5: %s)",
                    mismatches.stream().limit(5).toList()).isEmpty();
        }
    }
}
