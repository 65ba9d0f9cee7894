package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.secrets.SecretSources;
import dev.tecko.poller.runtime.PollerRuntime;
import dev.tecko.poller.runtime.PollerSettings;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI answers a long run of 429s with {@code Retry-After} while the poller watches jobs created through the processor.
 * The sandbox OpenAI and the poller share sandbox time ({@code SPEED} times real time), so a 20-second Retry-After takes
 * two seconds. A recording proxy in front of the sandbox notes every request's arrival; after a 429 left at {@code t},
 * no request may arrive before {@code t + Retry-After}, except within {@code IN_FLIGHT} of {@code t}: requests the
 * poller had sent before it could read the 429. Sizes: {@code -Dtecko.resilience.storm.jobs} (default 40 jobs of 4
 * batches), {@code -Dtecko.resilience.storm.rejections} (429s in a row, default 40).
 */
@ExtendWith(KafkaBrokerExtension.class)
class OpenAiRateLimitStormIT {
    private static final int JOBS = Integer.getInteger("tecko.resilience.storm.jobs", 40);
    private static final int REJECTIONS = Integer.getInteger("tecko.resilience.storm.rejections", 40);
    private static final int BATCHES_PER_JOB = 4;
    private static final int SPEED = 10;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(20);
    /** 200 ms of real time: how long a request may take from the poller's gate to the proxy. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(2);
    private static final String API_KEY = "sk-storm-" + java.util.UUID.randomUUID();

    @Test
    @DisplayName("given an OpenAI 429 storm with Retry-After, when the poller keeps polling, "
            + "then no request leaves before the time allowed and every batch status is still published")
    @SuppressWarnings("try") // the runtimes only need to run; the test watches their topics and the sandboxes
    void rateLimitIsHonouredAndEveryStatusArrives(EmbeddedKafka kafka, @TempDir Path stateDir) {
        var random = new Random(Seeds.seed("OpenAiRateLimitStormIT"));
        var clock = new ScaledClock(SPEED);
        var cluster = new Cluster(kafka, "openai-429")
                // one GET per batch, four at a time: several requests are in flight when a 429 comes back
                .with(PollerSettings.USE_LIST, "false")
                .with(PollerSettings.CONCURRENCY, "4")
                .with(PollerSettings.TICK_MILLIS, "50");
        var meters = new SimpleMeterRegistry();
        try (var openAi = SandboxOpenAi.start(clock, API_KEY);
             var proxy = new RecordingProxy(openAi.baseUrl().replace("/v1", ""), clock);
             var processor = new ProcessorRuntime(cluster.processorConfig(stateDir)).start();
             var batchStatus = new TerminalBatches(cluster)) {
            cluster.storeSecret("openai-main", SecretType.OPENAI, proxy.url() + "/v1", API_KEY);
            Map<String, BatchStatus> expected = createJobs(cluster, openAi, random);
            var config = cluster.config();
            try (var poller = new PollerRuntime(config, meters, SecretSources.fromConfig(config, "OpenAI keys"), clock).start()) {
                // the storm begins once polling is under way
                await().atMost(Duration.ofMinutes(2)).until(() -> proxy.exchanges().size() >= 10);
                openAi.failNext(REJECTIONS, 429, RETRY_AFTER);

                await().atMost(Duration.ofMinutes(3)).until(() -> batchStatus.collect().size() == expected.size());
            }
            List<RecordingProxy.Exchange> exchanges = proxy.exchanges();
            List<String> early = tooEarly(exchanges);
            long rejected = exchanges.stream().filter(RecordingProxy.Exchange::rateLimited).count();
            double heldBack = meters.find("tecko.poller.polls").tag("outcome", "rate_limited").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            System.out.printf("OpenAiRateLimitStormIT: %d jobs x %d batches, %d requests, %d answered 429 (Retry-After %d s), "
                            + "%.0f polls held back by the poller, %d requests too early, all %d terminal statuses published%n",
                    JOBS, BATCHES_PER_JOB, exchanges.size(), rejected, RETRY_AFTER.toSeconds(), heldBack, early.size(), expected.size());

            assertThat(rejected).as("429s served: the storm happened").isEqualTo(REJECTIONS);
            assertThat(early).as("requests before Retry-After had passed").isEmpty();
            assertThat(heldBack).as("polls the poller held back itself").isPositive();
            assertThat(batchStatus.collect()).isEqualTo(expected);
        }
    }

    /** Creates each job's batches in the sandbox (most complete, some fail validation) and the job itself. */
    private static Map<String, BatchStatus> createJobs(Cluster cluster, SandboxOpenAi openAi, Random random) {
        Map<String, BatchStatus> expected = new HashMap<>();
        var target = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");
        try (var commands = cluster.producer(cluster.topics().jobCommands())) {
            for (int j = 0; j < JOBS; j++) {
                List<String> batchIds = new ArrayList<>();
                for (int b = 0; b < BATCHES_PER_JOB; b++) {
                    String id = "batch_" + j + "_" + b;
                    boolean fails = random.nextInt(6) == 0;
                    // 30..90 s of sandbox time: most batches finish while the storm is on
                    Duration after = Duration.ofSeconds(30 + random.nextInt(60));
                    openAi.createBatch(id, fails ? BatchPlan.failsValidation(after) : BatchPlan.completesAfter(after, 20));
                    expected.put(id, fails ? BatchStatus.FAILED : BatchStatus.COMPLETED);
                    batchIds.add(id);
                }
                String jobId = "job-" + j;
                var spec = new JobSpec("job " + j, batchIds, "openai-main", target, JobSpec.MIN_POLL_INTERVAL_SECONDS,
                        null, null, null, null, null);
                commands.send(new ProducerRecord<>(cluster.topics().jobCommands().name(), jobId,
                        JobCommand.create("c-" + j, jobId, spec, Instant.now())));
            }
        }
        return expected;
    }

    /** Requests that arrived while a 429 answered earlier (and not just before) still forbade them. */
    private static List<String> tooEarly(List<RecordingProxy.Exchange> exchanges) {
        List<String> early = new ArrayList<>();
        for (var limit : exchanges.stream().filter(RecordingProxy.Exchange::rateLimited).toList()) {
            Instant from = limit.answered().plus(IN_FLIGHT);
            Instant until = limit.answered().plusSeconds(limit.retryAfterSeconds());
            exchanges.stream().filter(e -> e.arrived().isAfter(from) && e.arrived().isBefore(until))
                    .forEach(e -> early.add(e.path() + " at " + e.arrived() + ", 429 answered at " + limit.answered()));
        }
        return early;
    }
}
