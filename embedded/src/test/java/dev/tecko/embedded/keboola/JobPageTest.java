package dev.tecko.embedded.keboola;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A sandbox Keboola job's link opens a page a person can read, without a token, with every value escaped. */
class JobPageTest {
    private static final String TOKEN = "kbc-page";

    @Test
    void givenACreatedJobWhenItsUiLinkIsOpenedThenThePageShowsItsStatusAndItsVariablesEscaped() throws Exception {
        try (var keboola = SandboxKeboola.start(Clock.systemUTC(), TOKEN)) {
            var http = HttpClient.newHttpClient();
            var create = HttpRequest.newBuilder(URI.create(keboola.url() + "/jobs")).header("X-StorageApi-Token", TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"run\",\"component\":\"c\",\"config\":\"x\","
                            + "\"variableValuesData\":{\"values\":[{\"name\":\"batch_ids_completed\",\"value\":\"<script>alert(1)</script>\"}]}}"))
                    .build();
            String id = new ObjectMapper().readTree(http.send(create, HttpResponse.BodyHandlers.ofString()).body()).path("id").asText();

            var page = http.send(HttpRequest.newBuilder(URI.create(keboola.url() + "/admin/projects/1/queue/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("Sandbox Keboola job " + id).contains("batch_ids_completed")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
            var missing = http.send(HttpRequest.newBuilder(URI.create(keboola.url() + "/admin/projects/1/queue/42")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("has no job 42");
        }
    }
}
