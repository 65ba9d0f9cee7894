package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.app.Tecko;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.observability.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's path for secured clusters, end to end: the broker takes clients only after SASL/SCRAM-SHA-512 on
 * the listener the runtimes are given, and everything (topics create, processor with its API and views, poller,
 * dispatcher) is configured through {@code TECKO_KAFKA_*} alone.
 */
class ScramPipelineIT {
    private static final String USER = "tecko";
    private static final String PASSWORD = "scram-pw-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WRONG_PASSWORD = "wrong-pw-" + UUID.randomUUID().toString().substring(0, 8);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.temporaryWithScram(USER, PASSWORD).start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void givenScramCredentialsOnlyInTeckoKafkaVariables_whenAJobsBatchesEnd_thenKeboolaIsTriggeredOnceAndNoPasswordIsLogged() {
        Map<String, String> env = kafka.scramTeckoEnvironment(PASSWORD);
        assertThat(env.get("TECKO_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafka.saslBootstrapServers());

        try (LogCapture logs = LogCapture.atDebug(); RunningSystem system = RunningSystem.start(env)) {
            String jobId = system.createJob(List.of(BatchPlan.completesAfter(Duration.ofSeconds(2), 10),
                    BatchPlan.completesAfter(Duration.ofSeconds(3), 20).withFailedRequests(2)));

            await("the job to complete").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> system.jobStatus(jobId).equals("completed"));
            assertThat(system.keboola().received()).hasSize(1);
            assertThat(system.keboola().received().get(0).variables())
                    .containsEntry("batch_count_total", "2").containsEntry("batch_count_completed", "2");
            assertThat(logs.lines()).as("log lines with the Kafka password").noneMatch(l -> l.contains(PASSWORD));
        }
    }

    @Test
    void givenAWrongPassword_whenTheTopicsAreCreatedOrChecked_thenItFailsNamingTheRefusalAndNeverShowsThePassword() {
        Map<String, String> env = new HashMap<>(kafka.scramTeckoEnvironment(WRONG_PASSWORD));
        env.put("TECKO_TOPIC_PREFIX", "wrong" + UUID.randomUUID().toString().substring(0, 8) + ".");

        try (LogCapture logs = LogCapture.atDebug()) {
            for (String command : List.of("create", "check")) {
                var out = new StringWriter();
                var cli = Tecko.commandLine(env);
                cli.setOut(new PrintWriter(out));
                cli.setErr(new PrintWriter(out));

                int exit = cli.execute("topics", command);

                assertThat(exit).as(out.toString()).isEqualTo(Tecko.FAILED);
                assertThat(out.toString()).as("topics " + command).contains("Authentication failed").contains("SCRAM-SHA-512")
                        .doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
            }
            assertThat(logs.lines()).noneMatch(l -> l.contains(WRONG_PASSWORD) || l.contains(PASSWORD));
        }
    }
}
