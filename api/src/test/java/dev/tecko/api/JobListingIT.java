package dev.tecko.api;

import static dev.tecko.api.ApiFixture.keboolaJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lists over 30 jobs: newest first, pages by cursor, filtered by status and text. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobListingIT {
    private static final int JOBS = 30;
    private ApiFixture api;
    private final List<String> createdInOrder = new ArrayList<>();

    @BeforeAll
    void start(EmbeddedKafka kafka, @TempDir Path stateDir) {
        api = ApiFixture.start(kafka, stateDir, Map.of());
        api.secret("openai", "openai");
        api.secret("kbc", "keboola");
        for (int i = 0; i < JOBS; i++) {
            String id = "list-%02d".formatted(i);
            var created = api.post("/api/jobs", keboolaJob(id, "job number " + i, "batch_" + i, "shared_batch"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            createdInOrder.add(id);
            if (i % 3 == 0) {
                assertThat(api.post("/api/jobs/" + id + "/pause", "").status()).isEqualTo(200);
            }
        }
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void givenThirtyJobs_whenPagingByTwelve_thenEveryJobComesOnceNewestFirstAndTheLastPageHasNoCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/jobs?limit=12" + (cursor == null ? "" : "&cursor=" + encode(cursor))).json();
            assertThat(page.get("total").asInt()).isEqualTo(JOBS);
            page.get("jobs").forEach(job -> seen.add(job.get("jobId").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(createdInOrder);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void givenAStatusFilter_whenListing_thenOnlyThoseJobsAndTheirTotal() {
        JsonNode paused = api.get("/api/jobs?status=paused&limit=500").json();
        JsonNode both = api.get("/api/jobs?status=paused,active&limit=1").json();

        List<String> expected = IntStream.range(0, JOBS).filter(i -> i % 3 == 0).mapToObj(i -> "list-%02d".formatted(i)).toList();
        assertThat(paused.get("jobs").findValuesAsText("jobId")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(paused.get("jobs").findValuesAsText("status")).containsOnly("paused");
        assertThat(paused.get("total").asInt()).isEqualTo(expected.size());
        assertThat(both.get("total").asInt()).isEqualTo(JOBS);
        assertThat(both.get("jobs")).hasSize(1);
        assertThat(api.get("/api/jobs?status=completed").json().get("jobs")).isEmpty();
    }

    @Test
    void givenAText_whenListing_thenItMatchesJobIdNameOrBatchIdIgnoringCase() {
        assertThat(api.get("/api/jobs?q=BATCH_17").json().get("jobs").findValuesAsText("jobId")).containsExactly("list-17");
        assertThat(api.get("/api/jobs?q=number%202").json().get("jobs").findValuesAsText("jobId")).contains("list-02", "list-20");
        assertThat(api.get("/api/jobs?q=shared_batch").json().get("total").asInt()).isEqualTo(JOBS);
        assertThat(api.get("/api/jobs?q=nothing-like-this").json().get("total").asInt()).isZero();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
