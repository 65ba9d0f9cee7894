package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job-commands} is open to other teams and any client. A writer that points a job at a stranger's host with the
 * OpenAI key as its Keboola token gets the job rejected, and nothing reaches that host; a writer whose partitioner is
 * not the Java client's (kcat) still gets its job triggered, once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileWriterIT {
    private static final String OPENAI_KEY = "sk-hostile-" + UUID.randomUUID();
    private static final String TOKEN = "kbc-hostile-" + UUID.randomUUID();

    @Test
    @DisplayName("given commands written straight to job-commands, when one targets a stranger and one sits on another partition, "
            + "then the first is rejected with nothing sent and the second triggers Keboola once")
    void commandsAreCheckedWhereTheyAreApplied(EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        try (var keboola = SandboxKeboola.start(TOKEN);
             var stranger = new ServerSocket()) {
            stranger.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            stranger.setSoTimeout(500);
            var cluster = new Cluster(kafka, "hostile");
            cluster.storeSecret("openai-main", SecretType.OPENAI, null, OPENAI_KEY);
            cluster.storeSecret("kbc", SecretType.KEBOOLA, null, TOKEN);
            String hostile = "job-hostile";
            String elsewhere = "job-elsewhere";
            int murmur2 = Utils.toPositive(Utils.murmur2(elsewhere.getBytes(StandardCharsets.UTF_8))) % Cluster.PARTITIONS;
            Instant now = Instant.now();

            try (var processor = new ProcessorRuntime(cluster.processorConfig(stateDir)).start();
                 var dispatcher = new DispatcherRuntime(cluster.config()).start();
                 var events = cluster.reader(cluster.topics().jobEvents());
                 var results = cluster.reader(cluster.topics().triggerResults());
                 var commands = cluster.producer(cluster.topics().jobCommands());
                 var observations = cluster.producer(cluster.topics().batchStatus())) {
                commands.send(new ProducerRecord<>(cluster.topics().jobCommands().name(), hostile, JobCommand.create("c-1", hostile,
                        JobSpec.of("stranger", List.of("b1"), "openai-main",
                                TriggerTarget.keboola("http://127.0.0.2:" + stranger.getLocalPort(), "c", "1", "openai-main")), now))).get();
                commands.send(new ProducerRecord<>(cluster.topics().jobCommands().name(), (murmur2 + 1) % Cluster.PARTITIONS, elsewhere,
                        JobCommand.create("c-2", elsewhere, JobSpec.of("kcat", List.of("b1"), "openai-main",
                                TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", "kbc")), now))).get();

                List<JobEvent> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    events.poll().forEach(r -> seen.add(r.value()));
                    return seen.stream().anyMatch(e -> e.jobId().equals(hostile)) && seen.stream().anyMatch(e -> e.jobId().equals(elsewhere));
                });
                // as the poller does: the batch is observed once the job is known
                observations.send(new ProducerRecord<>(cluster.topics().batchStatus().name(), elsewhere,
                        BatchObservation.polled(elsewhere, "b1", BatchStatus.COMPLETED, new RequestCounts(1, 1, 0), Instant.now()))).get();

                List<TriggerResult> answered = new ArrayList<>();
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    results.poll().forEach(r -> answered.add(r.value()));
                    return !answered.isEmpty();
                });
                assertThat(seen).filteredOn(e -> e.jobId().equals(hostile)).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
                    assertThat(e.message()).startsWith("target.stackUrl");
                });
                assertThat(answered).singleElement().satisfies(r -> {
                    assertThat(r.jobId()).isEqualTo(elsewhere);
                    assertThat(r.ok()).isTrue();
                });
                assertThat(keboola.received()).hasSize(1);
                assertThatThrownBy(stranger::accept).as("no connection reached the stranger").isInstanceOf(SocketTimeoutException.class);
                System.out.printf("HostileWriterIT: hostile create rejected (%s); create on partition %d instead of %d triggered once%n",
                        seen.stream().filter(e -> e.jobId().equals(hostile)).findFirst().map(JobEvent::message).orElse("?"),
                        (murmur2 + 1) % Cluster.PARTITIONS, murmur2);
            }
        }
    }
}
