package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.Fault;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery state visible while it happens, through the whole system (embedded broker, sandbox Keboola, real HTTP): the
 * sandbox Keboola answers 503 three times before it accepts the job; while the dispatcher retries, the REST API's job
 * shows the attempts, the last error and status and the next try in {@code lastTrigger.delivery}; once the result is in,
 * the job is completed, the delivery part is gone, and exactly one Keboola job was created.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeliveryProgressEndToEndIT {
    private static final String CONFIG = "delivery-test";

    @Test
    void givenAKeboolaThatAnswers503ThreeTimes_whenTheJobTriggers_thenTheApiShowsTheRetriesWhileTheyHappenAndNothingOnceDelivered(
            EmbeddedKafka kafka, @TempDir Path dataDir) throws Exception {
        // a second and a half between attempts: long enough for each to be seen through the API
        var config = IsolatedSystem.config(kafka, Map.of("TECKO_DISPATCHER_RETRY_INITIAL_MILLIS", "1500",
                "TECKO_DISPATCHER_RETRY_MAX_MILLIS", "1500"));
        try (var system = LocalSystem.start(config, dataDir, true, false, null)) {
            Sandbox sandbox = system.sandbox().orElseThrow();
            sandbox.keboola().fault(Fault.UNAVAILABLE, 3);
            String batchId = "batch_delivery_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            sandbox.openAi().createBatch(batchId, BatchPlan.completesAfter(Duration.ofSeconds(1), 10));
            String jobId = "delivery-" + UUID.randomUUID().toString().substring(0, 8);
            var target = TriggerTarget.keboola(sandbox.keboola().url(), Sandbox.COMPONENT, CONFIG, Sandbox.KEBOOLA_SECRET);
            IsolatedSystem.send(config, JobCommand.create(UUID.randomUUID().toString(), jobId,
                    new JobSpec("delivery test", List.of(batchId), Sandbox.OPENAI_SECRET, target, JobSpec.MIN_POLL_INTERVAL_SECONDS,
                            null, null, null, null, null), Instant.now()));

            var seen = new AtomicReference<JsonNode>();
            await("the API to show a failed attempt while the trigger is open").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        JsonNode job = job(system, jobId);
                        JsonNode delivery = job.path("lastTrigger").path("delivery");
                        if ("triggering".equals(job.path("status").asText()) && delivery.path("attempts").asInt() >= 1) {
                            seen.set(job);
                            return true;
                        }
                        return false;
                    });
            JsonNode delivery = seen.get().path("lastTrigger").path("delivery");
            assertThat(delivery.path("lastHttpStatus").asInt()).isEqualTo(503);
            assertThat(delivery.path("lastError").asText()).contains("503");
            assertThat(Instant.parse(delivery.path("nextAttemptAt").asText())).isAfter(Instant.parse(delivery.path("updatedAt").asText()));
            assertThat(delivery.path("breakerOpen").asBoolean()).isFalse();
            assertThat(seen.get().path("lastTrigger").has("outcome")).as("the result is still awaited").isFalse();

            await("the job to complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> "completed".equals(job(system, jobId).path("status").asText()));
            JsonNode done = job(system, jobId);
            assertThat(done.path("lastTrigger").has("delivery")).as("the result ends the progress").isFalse();
            assertThat(done.path("lastTrigger").path("outcome").asText()).isEqualTo("ok");
            assertThat(sandbox.keboola().received().stream().filter(r -> CONFIG.equals(r.config())).count())
                    .as("one Keboola job, after three refusals").isEqualTo(1);
        }
    }

    private static JsonNode job(LocalSystem system, String jobId) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/api/jobs/" + jobId))
                .header("Authorization", "Bearer " + system.apiToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
