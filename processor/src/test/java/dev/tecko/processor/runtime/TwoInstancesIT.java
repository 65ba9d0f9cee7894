package dev.tecko.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.ChildJvm;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processor instances in one application id; one is killed with SIGKILL mid-stream. The killed one runs in a child
 * JVM because nothing in-process comes close to a crash: {@code close(Duration.ZERO)} still commits or aborts the open
 * transaction and (with leave-group) hands the partitions over cleanly, whereas a killed process leaves an open
 * transaction and a group member that only the session timeout removes — the case exactly-once must survive.
 * Observations are written only after every job's snapshot is on {@code job-status}, as the poller does: Streams does not
 * order records across its two input topics, and an observation that overtakes its job's {@code create} is dropped as
 * "unknown job" by design. Size: {@code -Dtecko.it.jobs} (default 10,000 jobs of 2 batches each).
 */
@ExtendWith(KafkaBrokerExtension.class)
class TwoInstancesIT {
    private static final int JOBS = Integer.getInteger("tecko.it.jobs", 10_000);
    /** {@code process}: SIGKILL a child JVM (default); {@code close}: the in-JVM {@code close(Duration.ZERO)}. */
    private static final boolean KILL_PROCESS = "process".equals(System.getProperty("tecko.it.kill", "process"));
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");

    @Test
    @DisplayName("given two instances, when one is killed mid-stream, then every job triggers exactly once and the snapshots agree")
    void exactlyOnceAcrossAHardStop(EmbeddedKafka kafka, @TempDir Path dirA, @TempDir Path dirB) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        var topics = new Topics(prefix);
        BrokerClients.createTopics(bootstrap, topics, PARTITIONS);
        String appId = "two-" + UUID.randomUUID();
        Map<String, String> common = Map.of(
                TeckoConfig.TOPIC_PREFIX, prefix,
                TeckoConfig.BOOTSTRAP_SERVERS, bootstrap,
                RuntimeSettings.APPLICATION_ID, appId,
                RuntimeSettings.COMMIT_INTERVAL_MS, "200",
                // the broker's minimum: a killed member leaves the group after 6 s instead of 45
                "TECKO_KAFKA_SESSION_TIMEOUT_MS", "6000",
                "TECKO_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        var configA = TeckoConfig.of(common).with(RuntimeSettings.STATE_DIR, dirA.toString())
                .with(RuntimeSettings.APPLICATION_SERVER, "localhost:7001");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long started = System.nanoTime();

        Process child = KILL_PROCESS ? startChild(common, dirB) : null;
        ProcessorRuntime inJvm = KILL_PROCESS ? null : new ProcessorRuntime(TeckoConfig.of(common)
                .with(RuntimeSettings.STATE_DIR, dirB.toString()).with(RuntimeSettings.APPLICATION_SERVER, "localhost:7002")).start();
        try (var a = new ProcessorRuntime(configA).start();
             var commands = BrokerClients.producer(bootstrap, topics.jobCommands());
             var observations = BrokerClients.producer(bootstrap, topics.batchStatus());
             var triggerReader = BrokerClients.committedReader(bootstrap, topics.triggers());
             var statusReader = BrokerClients.committedReader(bootstrap, topics.jobStatus())) {

            // both instances hold partitions before the load starts
            await().atMost(WAIT).until(() -> a.isRunning() && ownerPorts(a).size() == 2);

            for (int i = 0; i < JOBS; i++) {
                String jobId = jobId(i);
                commands.send(new ProducerRecord<>(topics.jobCommands().name(), jobId,
                        JobCommand.create("c" + i, jobId, JobSpec.of("job " + i, List.of("b1", "b2"), "openai", TARGET), t0)));
            }
            commands.flush();
            // as in production, batches are observed only for jobs already published on job-status: the poller's work list
            Map<String, JobSnapshot> published = new HashMap<>();
            await().atMost(WAIT).until(() -> {
                BrokerClients.poll(statusReader).forEach(r -> published.put(r.key(), r.value()));
                return published.size() == JOBS;
            });
            observeAll(observations, topics, 0, JOBS, "b1", t0.plusSeconds(1));
            observeAll(observations, topics, 0, JOBS / 2, "b2", t0.plusSeconds(2));

            Map<String, Integer> triggers = new HashMap<>();
            await().atMost(WAIT).until(() -> {
                count(triggerReader, triggers);
                return triggers.size() >= JOBS / 8;
            });
            if (KILL_PROCESS) {
                child.destroyForcibly();   // SIGKILL in the middle of the stream
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } else {
                inJvm.close(Duration.ZERO);   // no waiting for a clean shutdown, in the middle of the stream
            }
            int seenAtKill = triggers.size();
            observeAll(observations, topics, JOBS / 2, JOBS, "b2", t0.plusSeconds(2));

            var progress = new Progress();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                count(triggerReader, triggers);
                progress.report(triggers.size(), a);
                return triggers.size() == JOBS;
            });
            // and nothing more arrives: no job triggers twice
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> {
                count(triggerReader, triggers);
                return triggers.size() == JOBS;
            });
            long total = triggers.values().stream().mapToLong(Integer::longValue).sum();
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            System.out.printf("two instances (" + (KILL_PROCESS ? "SIGKILL" : "close(0)") + "), %d jobs, one stopped after %d triggers: %d triggers counted (%d distinct) in %d s%n",
                    JOBS, seenAtKill, total, triggers.size(), seconds);
            assertThat(triggers).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            assertThat(total).isEqualTo(JOBS);

            // the survivor's store and the committed job-status topic agree on every job
            await().atMost(WAIT).until(() -> {
                BrokerClients.poll(statusReader).forEach(r -> published.put(r.key(), r.value()));
                return published.size() == JOBS && published.values().stream().allMatch(s -> s.status() == JobStatus.TRIGGERING);
            });
            List<JobSnapshot> stored = a.queries().all();
            assertThat(stored).hasSize(JOBS);
            for (JobSnapshot snapshot : stored) {
                assertThat(published.get(snapshot.jobId())).as(snapshot.jobId()).isEqualTo(snapshot);
            }
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            if (inJvm != null) {
                inJvm.close();
            }
        }
    }

    /** Prints how far the survivor got every few seconds, so a stall shows in the test output with its likely cause. */
    private static final class Progress {
        private long last = System.nanoTime();

        void report(int triggers, ProcessorRuntime runtime) {
            if (System.nanoTime() - last > TimeUnit.SECONDS.toNanos(10)) {
                last = System.nanoTime();
                double unknown = runtime.registry().counter("tecko.observations", "outcome", "unknown_job").count();
                System.out.printf("progress: %d distinct triggers read, survivor %s, %.0f observations for unknown jobs%n",
                        triggers, runtime.state(), unknown);
            }
        }
    }

    private static String jobId(int i) {
        return "job-" + i;
    }

    private static void observeAll(KafkaProducer<String, BatchObservation> producer, Topics topics, int from, int to,
                                   String batchId, Instant at) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(topics.batchStatus().name(), jobId(i),
                    BatchObservation.polled(jobId(i), batchId, BatchStatus.COMPLETED, new RequestCounts(1, 1, 0), at)));
        }
        producer.flush();
    }

    private static void count(org.apache.kafka.clients.consumer.KafkaConsumer<String, TriggerCommand> reader,
                              Map<String, Integer> triggers) {
        BrokerClients.poll(reader).forEach(r -> triggers.merge(r.value().triggerId(), 1, Integer::sum));
    }

    /** The instances (by application.server port) that own some of a sample of job ids. */
    private static java.util.Set<Integer> ownerPorts(ProcessorRuntime runtime) {
        var ports = new java.util.HashSet<Integer>();
        for (int i = 0; i < 64; i++) {
            runtime.queries().ownerOf(jobId(i)).host().map(HostInfo::port).ifPresent(ports::add);
        }
        return ports;
    }

    private static Process startChild(Map<String, String> common, Path stateDir) throws java.io.IOException {
        var builder = new ProcessBuilder(ChildJvm.command("512m", ChildProcessorMain.class));
        builder.environment().putAll(common);
        builder.environment().put(RuntimeSettings.STATE_DIR, stateDir.toString());
        builder.environment().put(RuntimeSettings.APPLICATION_SERVER, "localhost:7002");
        builder.redirectErrorStream(true);
        builder.redirectOutput(Path.of("target", "two-instances-child.log").toFile());
        return builder.start();
    }
}
