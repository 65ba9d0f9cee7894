package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.webhooks.StandardWebhooks;
import dev.tecko.poller.runtime.PollerRuntime;
import dev.tecko.poller.runtime.PollerSettings;
import dev.tecko.poller.webhook.WebhookReceiver;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: webhooks work on any poller. Three pollers in one group and the processor, in-process; each job's batch
 * completes and its webhook goes to a random poller (as a load balancer would send it); halfway through one poller is
 * stopped ({@code close()}, as in a rolling deploy; a second test SIGKILLs a poller in a child JVM). Jobs poll once an hour, so only the webhook can trigger them promptly: every job must trigger (its trigger
 * committed on {@code triggers}) within 2 s of its webhook. A webhook that finds its poller gone, or gets a 503, is sent
 * again to another at once and timed from its first attempt. Size: {@code -Dtecko.resilience.webhooks.jobs} (default 30).
 */
@ExtendWith(KafkaBrokerExtension.class)
class WebhooksOnAnyPollerIT {
    private static final int JOBS = Integer.getInteger("tecko.resilience.webhooks.jobs", 30);
    private static final Duration PROMPT = Duration.ofSeconds(2);
    private static final String API_KEY = "sk-webhooks-" + UUID.randomUUID();
    private static final String TOKEN = "kbc-webhooks-" + UUID.randomUUID();
    private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A poller as the test sees it: where its webhooks go, and how it is taken away. */
    private record Poller(String name, IntSupplier port, Runnable kill) {
    }

    @Test
    @DisplayName("given three pollers and webhooks sent to a random one, when one poller stops midway, then every job triggers within 2 s of its webhook")
    void everyJobTriggersPromptlyWhateverPollerGetsItsWebhook(EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        List<PollerRuntime> runtimes = new ArrayList<>();
        try (var openAi = SandboxOpenAi.start(API_KEY); var keboola = SandboxKeboola.start(TOKEN)) {
            var cluster = cluster(kafka, "webhooks", openAi);
            List<String> jobs = createJobs(cluster, openAi, keboola);
            try (var processor = new ProcessorRuntime(cluster.processorConfig(stateDir)).start()) {
                List<Poller> pollers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    var runtime = new PollerRuntime(cluster.config()).start();
                    runtimes.add(runtime);
                    pollers.add(new Poller("poller-" + i, runtime::webhookPort, runtime::close));
                }
                await().atMost(Duration.ofMinutes(2)).until(() -> runtimes.stream().mapToInt(PollerRuntime::jobCount).sum() == JOBS
                        && runtimes.stream().allMatch(p -> p.jobCount() > 0));

                Map<String, Long> latency = run(cluster, pollers, jobs, openAi, "stopped", false);

                assertThat(latency).hasSize(JOBS);
                assertThat(latency).as("ms from webhook to committed trigger").allSatisfy((job, ms) -> assertThat(ms).isLessThanOrEqualTo(PROMPT.toMillis()));
                assertThat(processor.isRunning()).isTrue();
            }
        } finally {
            runtimes.forEach(PollerRuntime::close);
        }
    }

    /**
     * The same with a poller SIGKILLed (a child JVM): its group notices only after the session timeout (6 s, the broker's
     * minimum), so its jobs' handovers wait that long for their new owner. The receiving poller's backstop fetches such a
     * job's batch itself a second after the handover, so every job still triggers within 2 s (without the backstop, 1 in
     * 30 took 6.2–7.5 s).
     */
    @Test
    @DisplayName("given three pollers, one SIGKILLed midway, then every job triggers within 2 s of its webhook, the killed poller's too")
    void aKilledPollersJobsTriggerOnceTheGroupReassignsThem(EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        List<PollerRuntime> runtimes = new ArrayList<>();
        try (var openAi = SandboxOpenAi.start(API_KEY); var keboola = SandboxKeboola.start(TOKEN)) {
            var cluster = cluster(kafka, "webhooks-kill", openAi);
            List<String> jobs = createJobs(cluster, openAi, keboola);
            int childPort = freePort();
            var env = new HashMap<>(cluster.environment());
            env.put(PollerSettings.WEBHOOK_PORT, Integer.toString(childPort));
            try (var processor = new ProcessorRuntime(cluster.processorConfig(stateDir)).start();
                 var child = ChildRuntime.start("poller", "256m", env, "webhooks-poller-killed")) {
                List<Poller> pollers = new ArrayList<>();
                pollers.add(new Poller("child", () -> childPort, child::kill));
                for (int i = 0; i < 2; i++) {
                    var runtime = new PollerRuntime(cluster.config()).start();
                    runtimes.add(runtime);
                    pollers.add(new Poller("poller-" + i, runtime::webhookPort, runtime::close));
                }
                // the child JVM takes a while to start: wait until the group is stable with all three owning partitions
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> threeMembersOwnPartitions(cluster)
                        && runtimes.stream().allMatch(p -> p.jobCount() > 0) && post(childPort, "batch_none") == 200);
                Map<String, Long> latency = run(cluster, pollers, jobs, openAi, "SIGKILLed", true);

                assertThat(latency).as("every job triggered").hasSize(JOBS);
                long slow = latency.values().stream().filter(ms -> ms > PROMPT.toMillis()).count();
                System.out.printf("WebhooksOnAnyPollerIT (SIGKILL): %d of %d jobs over 2 s, the slowest %d ms%n", slow, JOBS,
                        latency.values().stream().mapToLong(Long::longValue).max().orElse(0));
                assertThat(latency).as("ms from webhook to committed trigger, the killed poller's jobs included")
                        .allSatisfy((job, ms) -> assertThat(ms).isLessThanOrEqualTo(PROMPT.toMillis()));
                assertThat(processor.isRunning()).isTrue();
            }
        } finally {
            runtimes.forEach(PollerRuntime::close);
        }
    }

    private static Cluster cluster(EmbeddedKafka kafka, String name, SandboxOpenAi openAi) {
        var cluster = new Cluster(kafka, name)
                .with(PollerSettings.TICK_MILLIS, "50")
                .with(PollerSettings.WEBHOOK_PORT, "0")
                .with(PollerSettings.WEBHOOK_SECRET, WEBHOOK_SECRET)
                .with("TECKO_POLLER_METRICS_PORT", "-1");
        cluster.storeSecret("openai-main", SecretType.OPENAI, openAi.baseUrl(), API_KEY);
        cluster.storeSecret("kbc", SecretType.KEBOOLA, null, TOKEN);
        return cluster;
    }

    /**
     * Completes each job's batch in turn and sends its webhook to a random poller (the gone one included, as a load
     * balancer would until its health check notices); anything but a 200 is sent again at once to a random live one, timed
     * from the first attempt. Halfway, a poller is taken away (the first one, or a random one). Returns ms from webhook to trigger per job.
     */
    private Map<String, Long> run(Cluster cluster, List<Poller> pollers, List<String> jobs, SandboxOpenAi openAi, String how, boolean killFirst)
            throws Exception {
        long seed = Seeds.seed("WebhooksOnAnyPollerIT");
        var random = new Random(seed);
        List<Poller> live = new ArrayList<>(pollers);
        Map<String, Long> latency = new HashMap<>();
        Map<String, Long> sentAt = new HashMap<>();
        int retried = 0;
        String gone = "";
        try (var triggers = cluster.reader(cluster.topics().triggers())) {
            for (int j = 0; j < JOBS; j++) {
                if (j == JOBS / 2) {
                    Poller victim = live.remove(killFirst ? 0 : random.nextInt(live.size()));
                    gone = victim.name();
                    victim.kill().run();
                }
                String jobId = jobs.get(j);
                String batchId = batchOf(j);
                while (!"completed".equals(openAi.status(batchId))) {
                    openAi.step(batchId);
                }
                sentAt.put(jobId, System.nanoTime());
                int status = post(pollers.get(random.nextInt(pollers.size())).port().getAsInt(), batchId);
                while (status != 200) {
                    retried++;
                    status = post(live.get(random.nextInt(live.size())).port().getAsInt(), batchId);
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
                    triggers.poll().forEach(r -> latency.putIfAbsent(r.key(), (System.nanoTime() - sentAt.getOrDefault(r.key(), 0L)) / 1_000_000));
                    return latency.containsKey(jobId);
                });
            }
        }
        List<Long> sorted = latency.values().stream().sorted().toList();
        System.out.printf("WebhooksOnAnyPollerIT: %d jobs, 3 pollers, %s %s after %d webhooks; %d webhooks sent again (poller gone "
                        + "or 503); webhook -> trigger p50 %d ms, p99 %d ms, max %d ms; seed %d%n", JOBS, gone, how, JOBS / 2, retried,
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1), seed);
        return latency;
    }

    private static boolean threeMembersOwnPartitions(Cluster cluster) throws Exception {
        String group = cluster.environment().get("TECKO_POLLER_GROUP_ID");
        try (var admin = cluster.admin()) {
            var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return description.groupState() == GroupState.STABLE && description.members().size() == 3
                    && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String batchOf(int j) {
        return "batch_webhook_" + j;
    }

    /** One stepped batch per job (it completes only when the test says), polled once an hour. */
    private static List<String> createJobs(Cluster cluster, SandboxOpenAi openAi, SandboxKeboola keboola) {
        var target = TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", "kbc");
        List<String> jobs = new ArrayList<>();
        try (var commands = cluster.producer(cluster.topics().jobCommands())) {
            for (int j = 0; j < JOBS; j++) {
                openAi.createBatch(batchOf(j), BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 10));
                String jobId = "job-" + j;
                var spec = new JobSpec("job " + j, List.of(batchOf(j)), "openai-main", target, 3600, null, null, null, null, null, null,
                        null);
                commands.send(new ProducerRecord<>(cluster.topics().jobCommands().name(), jobId,
                        JobCommand.create("c-" + j, jobId, spec, Instant.now())));
                jobs.add(jobId);
            }
        }
        return jobs;
    }

    /** The batch.completed webhook, signed; a poller that is gone counts as a 503 (OpenAI retries both). */
    private int post(int port, String batchId) throws InterruptedException {
        String body = "{\"id\":\"evt_" + batchId + "\",\"object\":\"event\",\"created_at\":1767225600,\"type\":\"batch.completed\","
                + "\"data\":{\"id\":\"" + batchId + "\"}}";
        String id = "msg_" + batchId;
        long ts = Instant.now().getEpochSecond();
        if (port < 0) {
            return 503;
        }
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + WebhookReceiver.PATH))
                .header(StandardWebhooks.ID_HEADER, id).header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts))
                .header(StandardWebhooks.SIGNATURE_HEADER, new StandardWebhooks(WEBHOOK_SECRET).sign(id, ts, body))
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 503;
        }
    }
}
