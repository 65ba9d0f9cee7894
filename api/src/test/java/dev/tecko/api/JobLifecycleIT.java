package dev.tecko.api;

import static dev.tecko.api.ApiFixture.keboolaJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every job route's success path and its state errors, against a real processor on the embedded broker. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobLifecycleIT {
    private ApiFixture api;
    private EmbeddedKafka kafka;

    @BeforeAll
    void start(EmbeddedKafka kafka, @TempDir Path stateDir) {
        this.kafka = kafka;
        api = ApiFixture.start(kafka, stateDir, Map.of());
        api.secret("openai", "openai");
        api.secret("kbc", "keboola");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void givenANewJob_whenCreated_thenTheAnswerIsTheJobAndAnImmediateReadAndListSeeIt() {
        var created = api.post("/api/jobs", keboolaJob("ryw-1", "Nightly enrichment", "batch_a", "batch_b"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/jobs/ryw-1");
        assertThat(created.json().get("status").asText()).isEqualTo("active");
        assertThat(created.json().get("counts").get("open").asInt()).isEqualTo(2);
        var read = api.get("/api/jobs/ryw-1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo("Nightly enrichment");
        assertThat(read.json().get("target").get("stackUrl").asText()).isEqualTo("https://connection.keboola.com");
        assertThat(read.header("X-Tecko-Served-By")).isEqualTo("local");
        var list = api.get("/api/jobs?q=ryw-1");
        assertThat(list.json().get("jobs").findValuesAsText("jobId")).containsExactly("ryw-1");
        assertThat(list.json().get("jobs").get(0).get("targetType").asText()).isEqualTo("keboola");
    }

    @Test
    void givenAJobWithoutAnId_whenCreated_thenAnIdIsGenerated() {
        var created = api.post("/api/jobs", keboolaJob("x", "generated", "b1").replace("\"jobId\":\"x\",", ""));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("jobId").asText()).matches("job-[a-z0-9]{12}");
    }

    @Test
    void givenAnExistingJobId_whenCreatedAgain_thenConflictWithTheProcessorsReason() {
        assertThat(api.post("/api/jobs", keboolaJob("dup-1", "first", "b1")).status()).isEqualTo(201);

        var again = api.post("/api/jobs", keboolaJob("dup-1", "second", "b1"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("type").asText()).isEqualTo("https://tecko.dev/problems/conflict");
        assertThat(again.json().get("detail").asText()).isEqualTo("job dup-1 already exists");
        assertThat(api.get("/api/jobs/dup-1").json().get("name").asText()).isEqualTo("first");
    }

    @Test
    void givenAnActiveJob_whenPausedResumedUpdatedCancelledAndDeleted_thenEachAnswerShowsTheChange() {
        api.post("/api/jobs", keboolaJob("life-1", "lifecycle", "b1"));

        assertThat(api.post("/api/jobs/life-1/resume", "").json().get("detail").asText())
                .isEqualTo("cannot resume a job that is active");
        assertThat(api.post("/api/jobs/life-1/pause", "").json().get("status").asText()).isEqualTo("paused");
        assertThat(api.post("/api/jobs/life-1/pause", "").status()).isEqualTo(409);
        assertThat(api.post("/api/jobs/life-1/resume", "").json().get("status").asText()).isEqualTo("active");
        var updated = api.put("/api/jobs/life-1", "{\"name\":\"renamed\",\"pollIntervalSeconds\":300,\"keboolaConfigId\":\"999\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("renamed");
        assertThat(updated.json().get("pollIntervalSeconds").asInt()).isEqualTo(300);
        assertThat(updated.json().get("target").get("configId").asText()).isEqualTo("999");
        assertThat(updated.json().get("target").get("componentId").asText()).as("merged over the current target")
                .isEqualTo("keboola.orchestrator");
        assertThat(api.post("/api/jobs/life-1/cancel", "").json().get("status").asText()).isEqualTo("cancelled");
        assertThat(api.put("/api/jobs/life-1", "{\"name\":\"late\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/jobs/life-1/retrigger", "").status()).isEqualTo(409);

        assertThat(api.delete("/api/jobs/life-1").status()).isEqualTo(204);

        assertThat(api.get("/api/jobs/life-1").status()).isEqualTo(404);
        assertThat(api.get("/api/jobs?q=life-1").json().get("total").asInt()).isZero();
        var events = api.get("/api/jobs/life-1/events");
        assertThat(events.json().get("events").findValuesAsText("type")).containsExactly("created", "command_rejected", "paused",
                "command_rejected", "resumed", "updated", "cancelled", "command_rejected", "command_rejected", "deleted");
        assertThat(api.get("/api/jobs/life-1/events?limit=2").json().get("events").findValuesAsText("type"))
                .containsExactly("command_rejected", "deleted");
        assertThat(api.get("/api/jobs/life-1/events?type=paused,resumed,deleted").json().get("events").findValuesAsText("type"))
                .as("filtered by type, a deleted job's history included").containsExactly("paused", "resumed", "deleted");
        assertThat(api.get("/api/jobs/life-1/events?type=command_rejected&limit=1").json().get("events").findValuesAsText("type"))
                .containsExactly("command_rejected");
    }

    @Test
    void givenAJobWhoseBatchesFinishedAndWasTriggered_whenRetriggered_thenANewGenerationTriggersAndStatsCountIt() throws Exception {
        api.post("/api/jobs", keboolaJob("done-1", "finished", "b1"));
        assertThat(api.get("/api/jobs/done-1/variables").status()).as("nothing sent yet").isEqualTo(404);
        Instant t = Instant.now();
        try (var observations = producer()) {
            // observations only after the job is on job-status, as the poller does
            observations.send(new ProducerRecord<>(api.topics.batchStatus().name(), "done-1",
                    api.topics.batchStatus().valueSerde().serializer().serialize("", BatchObservation.polled("done-1", "b1",
                            BatchStatus.COMPLETED, new RequestCounts(3, 3, 0), t)))).get();
            await().atMost(ApiFixture.WAIT).until(() -> api.get("/api/jobs/done-1").json().get("status").asText().equals("triggering"));
            observations.send(new ProducerRecord<>(api.topics.triggerResults().name(), "done-1",
                    api.topics.triggerResults().valueSerde().serializer().serialize("", new TriggerResult(1, "done-1:1", "done-1", 1,
                            TriggerOutcome.OK, "kbc-1", null, null, null, 201, 1, null, t)))).get();
        }
        await().atMost(ApiFixture.WAIT).until(() -> api.get("/api/jobs/done-1").json().get("status").asText().equals("completed"));
        var sent = api.get("/api/jobs/done-1/variables").json();
        assertThat(sent.get("triggerId").asText()).isEqualTo("done-1:1");
        assertThat(sent.get("variables").get("batch_ids_completed").asText()).isEqualTo("[\"b1\"]");
        assertThat(sent.get("variables").get("batch_count_total").asText()).isEqualTo("1");

        var retriggered = api.post("/api/jobs/done-1/retrigger", "");

        assertThat(retriggered.status()).isEqualTo(200);
        assertThat(retriggered.json().get("generation").asInt()).isEqualTo(2);
        assertThat(retriggered.json().get("status").asText()).isEqualTo("triggering");
        var stats = api.get("/api/stats").json();
        assertThat(stats.get("triggersSent").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("jobs").get("triggering").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("secrets").asInt()).isEqualTo(2);
    }

    /** Needs a processor that knows tagged jobs (issue 16 part 3). */
    @Test
    void givenAJobFoundByItsTag_whenCreatedAndSealed_thenItsSearchShowsInTheJobAndTheListAndASecondSealIsAConflict() {
        var created = api.post("/api/jobs", keboolaJob("tag-1", "tagged").replace("\"batchIds\":[],", "")
                .replace("}", ",\"batchTag\":\"run=nightly-2026-12-04\",\"expectedBatches\":12}"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("batches")).isEmpty();
        var search = created.json().get("batchSearch");
        assertThat(search.get("tag").get("key").asText()).isEqualTo("run");
        assertThat(search.get("tag").get("value").asText()).isEqualTo("nightly-2026-12-04");
        assertThat(search.get("state").asText()).isEqualTo("open");
        assertThat(search.get("expectedBatches").asInt()).isEqualTo(12);
        assertThat(search.get("since").asText()).as("the window starts at the job's creation").isEqualTo(created.json().get("createdAt").asText());
        assertThat(api.get("/api/jobs?q=tag-1").json().get("jobs").get(0).get("batchSearch").get("state").asText()).isEqualTo("open");
        api.secret("claude-lifecycle", "anthropic");
        var toAnthropic = api.put("/api/jobs/tag-1", "{\"openaiSecret\":\"claude-lifecycle\"}");
        assertThat(toAnthropic.status()).as("its batches could no longer be found").isEqualTo(400);
        assertThat(toAnthropic.json().get("errors").findValuesAsText("field")).containsExactly("openaiSecret");
        assertThat(api.put("/api/jobs/tag-1", "{\"batchTag\":\"run=other\"}").json().get("errors").findValuesAsText("field"))
                .containsExactly("batchTag");
        var renamed = api.put("/api/jobs/tag-1", "{\"name\":\"tagged, renamed\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("batchSearch").get("tag").get("value").asText()).as("an update keeps the tag")
                .isEqualTo("nightly-2026-12-04");

        var sealed = api.post("/api/jobs/tag-1/seal", "{\"reason\":\"all batches submitted\"}");

        assertThat(sealed.status()).as(sealed.toString()).isEqualTo(200);
        assertThat(sealed.json().get("batchSearch").get("state").asText()).as("until a search covers the seal").isEqualTo("sealing");
        assertThat(sealed.json().get("batchSearch").has("sealRequestedAt")).isTrue();
        var again = api.post("/api/jobs/tag-1/seal", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).isEqualTo("https://tecko.dev/problems/conflict");
        assertThat(api.get("/api/jobs/tag-1/events?type=seal_requested").json().get("events")).hasSize(1);
    }

    @Test
    void givenAJobThatNamesItsBatches_whenSealed_thenConflictAndAnUnknownJobIsNotFound() {
        api.post("/api/jobs", keboolaJob("untagged-1", "named", "b1"));

        var refused = api.post("/api/jobs/untagged-1/seal", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).isNotBlank();
        assertThat(api.post("/api/jobs/nope/seal", "").status()).isEqualTo(404);
    }

    @Test
    void givenAnUnknownJob_whenReadChangedOrDeleted_thenNotFound() {
        assertThat(api.get("/api/jobs/nope").status()).isEqualTo(404);
        assertThat(api.get("/api/jobs/nope/events").status()).isEqualTo(404);
        assertThat(api.put("/api/jobs/nope", "{\"name\":\"x\"}").status()).isEqualTo(404);
        var paused = api.post("/api/jobs/nope/pause", "");
        assertThat(paused.status()).isEqualTo(404);
        assertThat(paused.json().get("detail").asText()).isEqualTo("job nope does not exist");
        assertThat(api.delete("/api/jobs/nope").status()).isEqualTo(404);
        assertThat(api.get("/api/nothing-here").json().get("type").asText()).isEqualTo("https://tecko.dev/problems/not-found");
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
