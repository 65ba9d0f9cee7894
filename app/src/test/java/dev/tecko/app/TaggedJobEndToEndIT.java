package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.ReceivedJobRequest;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.schemas.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "a tagged job picks up batches created after it and triggers once after sealing", through the whole system
 * (embedded broker, sandbox OpenAI and Keboola, the REST API over loopback). The sandbox's list shows a new batch only a
 * second after its creation, as an eventually consistent list may: the seal must still include a batch created just
 * before it, which only a poller that keeps a margin for the list's lag does (with the margin at 0 the job triggers with
 * one batch fewer and this test fails).
 */
@ExtendWith(KafkaBrokerExtension.class)
class TaggedJobEndToEndIT {
    /** One Keboola configuration per job, so the sandbox's requests tell the two jobs apart. */
    private static final String SEALED_CONFIG = "tagged-e2e-sealed";
    private static final String COUNTED_CONFIG = "tagged-e2e-counted";
    private static final Duration LIST_LAG = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("given tagged jobs when batches carrying the tag are created after them then each triggers Keboola once, "
            + "only after sealing (by command, or by holding the expected batches), with every batch created before the seal")
    void taggedJobsTriggerOnceAfterSealing(EmbeddedKafka kafka, @TempDir Path dataDir) throws Exception {
        var config = IsolatedSystem.config(kafka, Map.of("TECKO_POLLER_TAG_LIST_LAG_SECONDS", "3"));
        try (var system = LocalSystem.start(config, dataDir, true, false, null)) {
            Sandbox sandbox = system.sandbox().orElseThrow();
            sandbox.openAi().lagList(LIST_LAG);
            String run = "nightly-" + UUID.randomUUID().toString().substring(0, 8);
            String early = batchId();
            // created before the job, and so before its window: never picked up
            sandbox.openAi().createBatch(early, BatchPlan.completesAfter(Duration.ofSeconds(1), 5), Map.of("run", run));
            await("a second to pass, so the early batch's created_at (whole seconds) is before the job's window")
                    .pollDelay(Duration.ofMillis(1_100)).atMost(Duration.ofSeconds(2)).until(() -> true);

            JsonNode sealed = create(system, sandbox, "sealed-" + run, SEALED_CONFIG, Map.of("key", "run", "value", run), null);
            JsonNode counted = create(system, sandbox, "counted-" + run, COUNTED_CONFIG,
                    Map.of("key", "run", "value", "counted-" + run), 2);
            String sealedJob = sealed.path("jobId").asText();
            String countedJob = counted.path("jobId").asText();
            assertThat(sealed.path("batches").size()).isZero();

            List<String> tagged = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tagged.add(batchId());
                sandbox.openAi().createBatch(tagged.get(i), BatchPlan.completesAfter(Duration.ofSeconds(2), 10), Map.of("run", run));
            }
            sandbox.openAi().createBatch(batchId(), BatchPlan.completesAfter(Duration.ofSeconds(2), 10), Map.of("run", "other"));
            sandbox.openAi().createBatch(batchId(), BatchPlan.completesAfter(Duration.ofSeconds(2), 10));
            List<String> counting = List.of(batchId(), batchId());
            for (String id : counting) {
                sandbox.openAi().createBatch(id, BatchPlan.completesAfter(Duration.ofSeconds(2), 10), Map.of("run", "counted-" + run));
            }

            await("the sealed-by-command job to hold its three batches, all completed").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> completedBatches(job(system, sealedJob)).size() == 3);
            JsonNode waiting = job(system, sealedJob);
            assertThat(waiting.path("status").asText()).as("every batch is terminal, yet the list is open").isEqualTo("active");
            assertThat(waiting.path("batchSearch").path("state").asText()).isEqualTo("open");
            assertThat(completedBatches(waiting)).containsExactlyInAnyOrderElementsOf(tagged);
            await("no trigger while the list is open").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> requests(sandbox, SEALED_CONFIG).isEmpty());

            // a batch created a moment before the seal: the list shows it only a second later
            String last = batchId();
            sandbox.openAi().createBatch(last, BatchPlan.completesAfter(Duration.ofSeconds(2), 10), Map.of("run", run));
            tagged.add(last);
            assertThat(post(system, "/api/jobs/" + sealedJob + "/seal").statusCode()).isEqualTo(200);

            await("the job to complete").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> "completed".equals(job(system, sealedJob).path("status").asText()));
            JsonNode done = job(system, sealedJob);
            assertThat(done.path("batchSearch").path("state").asText()).isEqualTo("sealed");
            assertThat(done.path("batchSearch").path("sealedBy").asText()).isEqualTo("command");
            assertThat(requests(sandbox, SEALED_CONFIG)).as("one Keboola job").singleElement().satisfies(r -> {
                assertThat(r.variables().get("batch_count_total")).isEqualTo("4");
                assertThat(r.variables().get("batch_count_completed")).isEqualTo("4");
                assertThat(Json.mapper().readValue(r.variables().get("batch_ids_completed"), String[].class))
                        .containsExactlyInAnyOrderElementsOf(tagged);
            });

            await("the job expecting two batches to complete without a seal command").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> "completed".equals(job(system, countedJob).path("status").asText()));
            assertThat(job(system, countedJob).path("batchSearch").path("sealedBy").asText()).isEqualTo("expected_batches");
            assertThat(requests(sandbox, COUNTED_CONFIG)).singleElement().satisfies(r ->
                    assertThat(Json.mapper().readValue(r.variables().get("batch_ids_completed"), String[].class))
                            .containsExactlyInAnyOrderElementsOf(counting));
        }
    }

    private static JsonNode create(LocalSystem system, Sandbox sandbox, String jobId, String configId, Map<String, String> tag,
                                   Integer expected) throws Exception {
        var body = Json.mapper().createObjectNode().put("jobId", jobId).put("name", jobId).put("openaiSecret", Sandbox.OPENAI_SECRET)
                .put("keboolaSecret", Sandbox.KEBOOLA_SECRET).put("keboolaStackUrl", sandbox.keboola().url())
                .put("keboolaComponentId", Sandbox.COMPONENT).put("keboolaConfigId", configId).put("pollIntervalSeconds", 10);
        body.set("batchTag", Json.mapper().valueToTree(tag));
        if (expected != null) {
            body.put("expectedBatches", expected);
        }
        var response = HTTP.send(request(system, "/api/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
        await("the job " + jobId + " to exist").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> job(system, jobId).has("batchSearch"));
        return job(system, jobId);
    }

    private static List<String> completedBatches(JsonNode job) {
        List<String> ids = new ArrayList<>();
        job.path("batches").forEach(b -> {
            if ("completed".equals(b.path("status").asText())) {
                ids.add(b.path("batchId").asText());
            }
        });
        return ids;
    }

    private static String batchId() {
        return "batch_tag_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static List<ReceivedJobRequest> requests(Sandbox sandbox, String configId) {
        return sandbox.keboola().received().stream().filter(r -> configId.equals(r.config())).toList();
    }

    private static JsonNode job(LocalSystem system, String jobId) throws Exception {
        var response = HTTP.send(request(system, "/api/jobs/" + jobId).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<String> post(LocalSystem system, String path) throws Exception {
        return HTTP.send(request(system, path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(LocalSystem system, String path) {
        return HttpRequest.newBuilder(URI.create(system.apiUrl() + path)).header("Authorization", "Bearer " + system.apiToken());
    }
}
