package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.DlqHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of records no contract accepts ({@link Fuzz}) on each of the processor's input topics, mixed into a run of
 * valid jobs that also receive the garbage under their own keys. Each bad record must reach the DLQ exactly once with
 * its origin and a reason, nothing valid may go there, the processor must stay running throughout, and the valid jobs
 * must end exactly as the reference model says. Sizes: {@code -Dtecko.resilience.fuzz.records} (per topic, default
 * 10,000), {@code -Dtecko.resilience.fuzz.jobs} (valid jobs, default 200).
 */
@ExtendWith(KafkaBrokerExtension.class)
class BadInputIT {
    private static final int RECORDS_PER_TOPIC = Integer.getInteger("tecko.resilience.fuzz.records", 10_000);
    private static final int JOBS = Integer.getInteger("tecko.resilience.fuzz.jobs", 200);
    private static final int SLICE = 1_000;
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");

    @Test
    @DisplayName("given fuzzed records on job-commands, batch-status and trigger-results amid valid jobs, "
            + "then each lands in the DLQ once with a reason, the processor never stops and the valid jobs end correctly")
    void everyBadRecordEndsInTheDlqAndValidJobsFinish(EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        var random = new Random(Seeds.seed("BadInputIT"));
        var cluster = new Cluster(kafka, "bad-input");
        var workload = JobWorkload.random("job-", JOBS, random, TARGET);
        List<Fuzz.BadRecord> bad = new Fuzz(random, workload.jobs().stream().map(JobWorkload.JobPlan::jobId).toList(),
                cluster.topics()).records(RECORDS_PER_TOPIC);
        long started = System.nanoTime();

        try (var processor = new ProcessorRuntime(cluster.processorConfig(stateDir)).start();
             var standIns = new StandIns(cluster, workload);
             var dlq = cluster.reader(cluster.topics().dlq());
             var commands = cluster.producer(cluster.topics().jobCommands());
             var garbage = cluster.rawProducer()) {
            await().atMost(Duration.ofMinutes(1)).until(processor::isRunning);
            workload.jobs().forEach(job -> commands.send(
                    new ProducerRecord<>(cluster.topics().jobCommands().name(), job.jobId(), workload.create(job))));
            commands.flush();

            List<Future<RecordMetadata>> sent = new ArrayList<>();
            List<String> dead = new ArrayList<>();
            List<String> withoutReason = new ArrayList<>();
            Set<KafkaStreams.State> states = new HashSet<>();
            var progress = new Progress("bad-input");
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20)).until(() -> {
                // garbage goes in slice by slice while the valid jobs are moving, so the two really interleave
                bad.stream().skip(sent.size()).limit(SLICE).forEach(r ->
                        sent.add(garbage.send(new ProducerRecord<>(r.topic(), r.key(), r.value()))));
                standIns.step();
                for (var record : dlq.poll()) {
                    dead.add(origin(record.headers()));
                    String reason = DlqHeaders.read(record.headers(), DlqHeaders.MESSAGE);
                    if (reason == null || reason.isBlank() || DlqHeaders.read(record.headers(), DlqHeaders.EXCEPTION) == null) {
                        withoutReason.add(origin(record.headers()));
                    }
                }
                states.add(processor.state());
                progress.report(sent.size() + " bad records sent, " + dead.size() + " in the DLQ, "
                        + standIns.finishedCount() + " of " + JOBS + " valid jobs finished");
                return sent.size() == bad.size() && dead.size() >= bad.size() && standIns.allFinished();
            });
            Set<String> expectedDead = new HashSet<>();
            for (Future<RecordMetadata> future : sent) {
                RecordMetadata m = future.get();
                expectedDead.add(m.topic() + "/" + m.partition() + "@" + m.offset());
            }
            // nothing else may follow: a valid record in the DLQ, or a bad one twice, would show here
            List<String> extra = new ArrayList<>();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll().forEach(r -> extra.add(origin(r.headers())));
                return extra.isEmpty();
            });
            System.out.printf("BadInputIT: %d bad records per topic (%d in all), %d valid jobs: %d DLQ records, %d without a reason, "
                            + "processor states seen %s, %.1f s%n", RECORDS_PER_TOPIC, bad.size(), JOBS, dead.size(),
                    withoutReason.size(), states, (System.nanoTime() - started) / 1e9);

            assertThat(new HashSet<>(dead)).as("DLQ records by origin").isEqualTo(expectedDead);
            assertThat(dead).as("DLQ records").hasSize(bad.size());
            assertThat(withoutReason).as("DLQ records without a reason").isEmpty();
            assertThat(states).as("processor states seen during the run").containsOnly(KafkaStreams.State.RUNNING);
            var mismatches = workload.mismatches(standIns.latest());
            assertThat(mismatches).as("valid jobs differing from the reference model (first 5: %s)",
                    mismatches.stream().limit(5).toList()).isEmpty();
            assertThat(standIns.triggerCounts().keySet()).isEqualTo(workload.expectedTriggerIds());
        }
    }

    private static String origin(org.apache.kafka.common.header.Headers headers) {
        return DlqHeaders.read(headers, DlqHeaders.TOPIC) + "/" + DlqHeaders.read(headers, DlqHeaders.PARTITION)
                + "@" + DlqHeaders.read(headers, DlqHeaders.OFFSET);
    }
}
