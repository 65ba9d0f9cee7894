package dev.tecko.poller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.platform.secrets.FileSecretSource;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.schedule.Snapshots;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller against a real broker and the sandbox OpenAI, in real time. Sizes: {@code -Dpoller.it.jobs} (default
 * 1,000 jobs of 10 batches) and {@code -Dpoller.bench.jobs} (default 200) for the list-vs-GET measurement.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PollerIT {
    private static final String API_KEY = "sk-it-secret-key-never-logged";
    private static final int BATCHES_PER_JOB = 10;

    private final EmbeddedKafka kafka;
    private Topics topics;
    private final SandboxOpenAi sandbox = SandboxOpenAi.start(API_KEY);
    @TempDir
    Path dir;

    PollerIT(EmbeddedKafka kafka) {
        this.kafka = kafka;
        freshTopics();
    }

    private void freshTopics() {
        topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicAdmin(admin).createAll(topics, 4, (short) 1);
        }
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    private TeckoConfig config(boolean useList) throws Exception {
        String master = MasterKey.generateBase64();
        var cipher = new SecretCipher(MasterKey.fromBase64(master, "test"));
        Path secrets = Files.createTempFile(dir, "secrets", ".jsonl");
        FileSecretSource.write(secrets, List.of(cipher.encrypt("openai-main", SecretType.OPENAI, sandbox.baseUrl(), API_KEY, Instant.now())));
        return TeckoConfig.of(Map.of(
                TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                TeckoConfig.TOPIC_PREFIX, topics.jobStatus().name().replace("job-status", ""),
                MasterKey.ENV, master,
                FileSecretSource.ENV, secrets.toString(),
                PollerSettings.GROUP_ID, "poller-" + UUID.randomUUID(),
                PollerSettings.MIN_INTERVAL_SECONDS, "1",
                PollerSettings.USE_LIST, Boolean.toString(useList),
                PollerSettings.TICK_MILLIS, "50",
                // the sandbox OpenAI, the secret's base URL, is on loopback
                TargetAllowList.ALLOW_LOOPBACK, "true"));
    }

    /** Creates the sandbox batches and writes one active job snapshot per job to job-status, as the processor would. */
    private int createJobs(String prefix, int jobs, Duration completeAfter) {
        var props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), topics.jobStatus().valueSerde().serializer())) {
            for (int j = 0; j < jobs; j++) {
                String[] ids = new String[BATCHES_PER_JOB];
                for (int b = 0; b < BATCHES_PER_JOB; b++) {
                    ids[b] = prefix + "batch_" + j + "_" + b;
                    // every seventh batch fails validation, the rest complete
                    sandbox.createBatch(ids[b], (j + b) % 7 == 0 ? BatchPlan.failsValidation(completeAfter.dividedBy(2))
                            : BatchPlan.completesAfter(completeAfter, 20));
                }
                String jobId = prefix + "job-" + j;
                producer.send(new ProducerRecord<>(topics.jobStatus().name(), jobId,
                        Snapshots.job(jobId, JobStatus.ACTIVE, 10, "openai-main", ids)));
            }
        }
        return jobs * BATCHES_PER_JOB;
    }

    /** Reads batch-status from the beginning until every batch has a terminal observation; returns terminal statuses. */
    private Map<String, BatchStatus> awaitTerminal(int batches, Duration timeout) {
        Map<String, BatchStatus> terminal = new HashMap<>();
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), topics.batchStatus().valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.batchStatus().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    BatchObservation o = record.value();
                    assertThat(record.key()).isEqualTo(o.jobId());
                    if (o.status().isTerminal()) {
                        terminal.put(o.batchId(), o.status());
                    }
                }
                return terminal.size() >= batches;
            });
        }
        return terminal;
    }

    private static double sum(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void givenThousandsOfBatchesAndTwoPollers_whenOneStopsMidway_thenEveryTerminalStatusReachesBatchStatus() throws Exception {
        int jobs = Integer.getInteger("poller.it.jobs", 1000);
        TeckoConfig config = config(true);
        int batches = createJobs("", jobs, Duration.ofSeconds(8));
        long begin = System.nanoTime();
        var metersA = new SimpleMeterRegistry();
        var metersB = new SimpleMeterRegistry();
        try (var a = new PollerRuntime(config, metersA).start(); var b = new PollerRuntime(config, metersB).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> a.jobCount() + b.jobCount() >= jobs && a.jobCount() > 0 && b.jobCount() > 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> sum(metersA, "tecko.poller.observations.published") > 0);
            a.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> b.jobCount() == jobs);

            Map<String, BatchStatus> terminal = awaitTerminal(batches, Duration.ofSeconds(120));

            assertThat(terminal).hasSize(batches);
            long failed = terminal.values().stream().filter(s -> s == BatchStatus.FAILED).count();
            assertThat(failed).isPositive();
            assertThat(terminal.values()).containsOnly(BatchStatus.COMPLETED, BatchStatus.FAILED);
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf("PollerIT: %d jobs x %d batches, two pollers (one stopped midway): all terminal in %.1f s; "
                            + "HTTP calls %d (list %d, get %d) = %.3f per batch; observations published A=%.0f B=%.0f%n",
                    jobs, BATCHES_PER_JOB, seconds, sandbox.totalRequests(), sandbox.listRequests(), sandbox.getRequests(),
                    sandbox.totalRequests() / (double) batches, sum(metersA, "tecko.poller.observations.published"),
                    sum(metersB, "tecko.poller.observations.published"));
        }
    }

    @Test
    void givenTheSameWork_whenPolledWithAndWithoutTheListEndpoint_thenTheCallsPerBatchAreReported() throws Exception {
        int jobs = Integer.getInteger("poller.bench.jobs", 200);
        long[] calls = new long[2];
        for (int mode = 0; mode < 2; mode++) {
            boolean useList = mode == 0;
            freshTopics();
            long before = sandbox.totalRequests();
            TeckoConfig config = config(useList);
            String prefix = useList ? "list-" : "get-";
            int batches = createJobs(prefix, jobs, Duration.ofSeconds(6));
            var meters = new SimpleMeterRegistry();
            long begin = System.nanoTime();
            try (var poller = new PollerRuntime(config, meters).start()) {
                Map<String, BatchStatus> terminal = awaitTerminal(batches, Duration.ofSeconds(120));
                assertThat(terminal).hasSize(batches);
                double seconds = (System.nanoTime() - begin) / 1e9;
                double checks = sum(meters, "tecko.poller.polls");
                calls[mode] = sandbox.totalRequests() - before;
                System.out.printf("PollerIT bench (%s): %d batches all terminal in %.1f s; %.0f batch checks = %.0f checks/s; "
                                + "HTTP calls %d = %.3f per batch%n", useList ? "list endpoint" : "GET per batch", batches, seconds,
                        checks, checks / seconds, calls[mode], calls[mode] / (double) batches);
            }
        }
        assertThat(calls[0]).as("the list endpoint saves calls").isLessThan(calls[1]);
    }
}
