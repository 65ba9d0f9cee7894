package dev.tecko.embedded.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sandbox OpenAI's list as a tag search reads it: newest first, paged with {@code after}, metadata, list lag. */
class SandboxOpenAiListTest {
    private static final String KEY = "sk-sandbox-list";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SandboxOpenAi sandbox = SandboxOpenAi.start(clock, KEY);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sandbox.close();
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery)).header("Authorization", "Bearer " + KEY).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(b -> ids.add(b.get("id").asText()));
        return ids;
    }

    private void createOnePerSecond(String... ids) {
        for (String id : ids) {
            sandbox.createBatch(id, BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    @DisplayName("given batches created one after another when the list is paged with after then it is newest first by created_at, page by page")
    void newestFirstPaged() throws Exception {
        createOnePerSecond("b1", "b2", "b3", "b4", "b5");

        JsonNode first = get("/batches?limit=2");
        JsonNode second = get("/batches?limit=2&after=" + first.get("last_id").asText());
        JsonNode third = get("/batches?limit=2&after=" + second.get("last_id").asText());

        assertThat(ids(first)).containsExactly("b5", "b4");
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(ids(second)).containsExactly("b3", "b2");
        assertThat(ids(third)).containsExactly("b1");
        assertThat(third.get("has_more").asBoolean()).isFalse();
        assertThat(first.get("data").get(0).get("created_at").asLong())
                .isGreaterThan(first.get("data").get(1).get("created_at").asLong());
    }

    @Test
    @DisplayName("given a batch created with metadata when it is read by id and in the list then both show exactly its pairs")
    void metadataShown() throws Exception {
        sandbox.createBatch("tagged", BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1), Map.of("run", "nightly-1"));
        sandbox.createBatch("plain", BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1));

        assertThat(get("/batches/tagged").get("metadata")).isEqualTo(JSON.readTree("{\"run\":\"nightly-1\"}"));
        assertThat(get("/batches/plain").get("metadata")).isEqualTo(JSON.readTree("{\"sandbox\":\"true\"}"));
        List<JsonNode> listed = new ArrayList<>();
        get("/batches").get("data").forEach(listed::add);
        assertThat(listed).anySatisfy(b -> {
            assertThat(b.get("id").asText()).isEqualTo("tagged");
            assertThat(b.get("metadata").get("run").asText()).isEqualTo("nightly-1");
        });
    }

    @Test
    @DisplayName("given metadata beyond OpenAI's bounds when a batch is created with it then it is refused")
    void metadataBounds() {
        assertThatThrownBy(() -> sandbox.createBatch("long", BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1), Map.of("k", "v".repeat(513))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
    }

    @Test
    @DisplayName("given a list lag when a batch was just created then GET sees it at once and the list only once the lag has passed")
    void listLag() throws Exception {
        sandbox.lagList(Duration.ofMillis(1500));
        createOnePerSecond("old");
        clock.advance(Duration.ofSeconds(1));
        sandbox.createBatch("fresh", BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1));

        assertThat(get("/batches/fresh").get("id").asText()).isEqualTo("fresh");
        assertThat(ids(get("/batches"))).containsExactly("old");
        clock.advance(Duration.ofMillis(1499));
        assertThat(ids(get("/batches"))).containsExactly("old");
        clock.advance(Duration.ofMillis(1));
        assertThat(ids(get("/batches"))).containsExactly("fresh", "old");

        sandbox.clearFaults();
        sandbox.createBatch("after-clear", BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1));
        assertThat(ids(get("/batches"))).startsWith("after-clear");
    }

    @Test
    @DisplayName("given the plan endpoint when a batch is posted with metadata then it carries it, and a bad metadata field is a 400 naming it")
    void plannedWithMetadata() throws Exception {
        String base = sandbox.baseUrl().replace("/v1", "");
        HttpResponse<String> created = post(base, "{\"id\":\"batch_tagged\",\"outcome\":\"completed\",\"afterSeconds\":60,"
                + "\"metadata\":{\"run\":\"nightly-2026-12-04\",\"team\":\"data\"}}");
        HttpResponse<String> notStrings = post(base, "{\"metadata\":{\"run\":1}}");
        HttpResponse<String> tooMany = post(base, "{\"metadata\":" + JSON.writeValueAsString(manyPairs(17)) + "}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(get("/batches/batch_tagged").get("metadata"))
                .isEqualTo(JSON.readTree("{\"run\":\"nightly-2026-12-04\",\"team\":\"data\"}"));
        assertThat(notStrings.statusCode()).isEqualTo(400);
        assertThat(notStrings.body()).contains("\"param\":\"metadata\"");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("16");
    }

    private HttpResponse<String> post(String base, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/sandbox/batches")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> manyPairs(int n) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            pairs.put("k" + i, "v");
        }
        return pairs;
    }
}
