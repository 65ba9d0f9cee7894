package dev.tecko.api;

import static dev.tecko.api.ApiFixture.keboolaJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the API refuses before anything reaches Kafka, as RFC 9457 problems over real HTTP. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationIT {
    private ApiFixture api;

    @BeforeAll
    void start(EmbeddedKafka kafka, @TempDir Path stateDir) {
        api = ApiFixture.start(kafka, stateDir, Map.of(ApiSettings.TARGET_HOSTS, "hooks.example.com"));
        api.secret("openai", "openai");
        api.secret("kbc", "keboola");
        api.secret("hook", "webhook");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void givenSeveralFieldsAtFault_whenCreating_thenOne400ListsEveryField() {
        var response = api.post("/api/jobs", "{\"name\":\"\",\"batchIds\":[],\"openaiSecret\":\"openai\",\"keboolaSecret\":\"kbc\","
                + "\"keboolaStackUrl\":\"https://169.254.169.254/\",\"keboolaComponentId\":\"c\",\"keboolaConfigId\":\"1\",\"colour\":\"red\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo("https://tecko.dev/problems/validation");
        assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isEqualTo("4 fields are invalid");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/jobs");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("name", "batchIds", "keboolaStackUrl", "colour");
    }

    @Test
    void givenTeckoCheckersSnakeCaseRequest_whenCreating_thenTheJobIsCreated() {
        var response = api.post("/api/jobs", "{\"name\":\"from teckochecker\",\"batch_id\":\"batch_1\",\"openai_secret_id\":\"openai\","
                + "\"keboola_secret_id\":\"kbc\",\"keboola_stack_url\":\"https://connection.keboola.com\","
                + "\"keboola_component_id\":\"kds-team.app\",\"keboola_configuration_id\":\"12\",\"poll_interval_seconds\":60}");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("batches").findValuesAsText("batchId")).containsExactly("batch_1");
        assertThat(response.json().get("pollIntervalSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void givenUnknownSecretsOrSecretsOfTheWrongType_whenCreating_then422NamesEachField() {
        var response = api.post("/api/jobs", keboolaJob("s422", "n", "b1").replace("\"openai\"", "\"missing\"")
                .replace("\"kbc\"", "\"hook\""));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asText()).isEqualTo("https://tecko.dev/problems/unknown-secret");
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
                .containsExactly("openaiSecret: no secret is named 'missing'", "keboolaSecret: secret 'hook' is of type webhook, not keboola");
        assertThat(api.get("/api/jobs/s422").status()).as("nothing was sent").isEqualTo(404);
    }

    @Test
    void givenABatchProvidersSecretOfAnyKind_whenCreating_thenItIsAcceptedAndATargetsSecretIsNot() {
        api.secret("claude", "anthropic");
        api.secret("gemini", "gemini");
        assertThat(api.post("/api/jobs", keboolaJob("p-anthropic", "n", "msgbatch_1").replace("\"openai\"", "\"claude\"")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/jobs", keboolaJob("p-gemini", "n", "gemini_batch_1").replace("\"openai\"", "\"gemini\"")).status())
                .isEqualTo(201);

        var refused = api.post("/api/jobs", keboolaJob("p-kbc", "n", "b1").replace("\"openai\"", "\"kbc\""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
                .containsExactly("openaiSecret: secret 'kbc' is of type keboola, not a batch provider's key (openai, anthropic or gemini)");
    }

    @Test
    void givenTagFieldsAtFault_whenCreating_thenOne400NamesEachAndNothingIsSent() {
        String job = keboolaJob("tag-bad", "n").replace("\"batchIds\":[],", "");
        var response = api.post("/api/jobs", job.replace("}", ",\"batchTag\":{\"key\":\"" + "k".repeat(65)
                + "\",\"value\":\"v\"},\"expectedBatches\":0}"));
        var untagged = api.post("/api/jobs", keboolaJob("tag-bad", "n", "b1").replace("}", ",\"sealAt\":\"2026-12-04T03:00:00Z\"}"));
        var neither = api.post("/api/jobs", job);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
                .containsExactly("batchTag.key: must be at most 64 characters", "expectedBatches: must be between 1 and 1000");
        assertThat(untagged.status()).isEqualTo(400);
        assertThat(untagged.json().get("errors")).extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
                .containsExactly("sealAt: only applies to a job with a batchTag");
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json().get("errors").findValuesAsText("field")).containsExactly("batchIds");
        assertThat(api.get("/api/jobs/tag-bad").status()).as("nothing was sent").isEqualTo(404);
    }

    @Test
    void givenATagWithASecretOfAProviderWithoutMetadata_whenCreating_then400NamesBatchTagWithTheProvidersReason() {
        Map<String, String> providers = Map.of("claude-tagged", "anthropic", "gemini-tagged", "gemini");
        providers.forEach((secret, type) -> api.secret(secret, type));
        providers.forEach((secret, type) -> {
            var refused = api.post("/api/jobs", keboolaJob("tag-" + secret, "n").replace("\"openai\"", "\"" + secret + "\"")
                    .replace("}", ",\"batchTag\":\"run=nightly\"}"));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
                    .containsExactly("batchTag: batchTag needs an openai secret: " + type
                            + " batches carry no metadata to find them by; name their batch ids instead");
            assertThat(api.get("/api/jobs/tag-" + secret).status()).as("nothing was sent").isEqualTo(404);
        });
    }

    @Test
    void givenASealWithABodyAtFault_whenPosted_then400NamingTheFieldBeforeAnythingIsSent() {
        var badReason = api.post("/api/jobs/any-job/seal", "{\"reason\":7}");
        var unknown = api.post("/api/jobs/any-job/seal", "{\"colour\":\"red\"}");

        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.json().get("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("colour");
    }

    @Test
    void givenTargetUrls_whenCreating_thenInternalAddressesAreRefusedAndConfiguredHostsAccepted() {
        String webhook = "{\"jobId\":\"%s\",\"name\":\"n\",\"batchIds\":[\"b\"],\"openaiSecret\":\"openai\",\"webhookUrl\":\"%s\","
                + "\"webhookSecret\":\"hook\"}";

        assertThat(api.post("/api/jobs", webhook.formatted("w1", "https://hooks.example.com/in")).status()).isEqualTo(201);
        for (String internal : List.of("https://10.0.0.5/x", "http://127.0.0.1:9000/x", "https://localhost/x",
                "https://metadata.google.internal/", "https://user@hooks.example.com/")) {
            var refused = api.post("/api/jobs", webhook.formatted("w2", internal));
            assertThat(refused.status()).as(internal).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("webhookUrl");
        }
    }

    @Test
    void givenABodyThatIsNotAJsonObject_whenPosted_then400MalformedBodyWithoutEchoingIt() {
        var broken = api.post("/api/jobs", "{\"name\": sk-secret-looking-text");
        var array = api.post("/api/jobs", "[1,2]");
        var empty = api.post("/api/secrets", "");

        assertThat(List.of(broken, array, empty)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("type").asText()).isEqualTo("https://tecko.dev/problems/malformed-body");
        });
        assertThat(broken.body()).doesNotContain("sk-secret-looking-text");
    }

    @Test
    void givenABodyOverOneMebibyte_whenPostedWithOrWithoutALength_then413() {
        byte[] big = ("{\"name\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);

        var declared = api.send(api.request("/api/jobs", ApiFixture.TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        var chunked = api.send(api.request("/api/jobs", ApiFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        for (var response : new ArrayList<>(List.of(declared, chunked))) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().get("type").asText()).isEqualTo("https://tecko.dev/problems/payload-too-large");
        }
    }

    @Test
    void givenBadListParameters_whenListing_then400NamesEachParameter() {
        var response = api.get("/api/jobs?status=active,sleeping&limit=0&cursor=garbage");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("status", "limit", "cursor");
        assertThat(api.get("/api/jobs/x/events?limit=5000").status()).isEqualTo(400);
        var badType = api.get("/api/jobs/x/events?type=batch_changed,finished");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("errors").findValuesAsText("field")).containsExactly("type");
    }
}
