package dev.tecko.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.api.system.OpenApiRoute;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.observability.testing.PrometheusScrape;
import dev.tecko.schemas.json.Json;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bearer auth, health, metrics, request ids and the OpenAPI document against the routes Javalin really serves. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthAndSystemIT {
    private ApiFixture api;

    @BeforeAll
    void start(EmbeddedKafka kafka, @TempDir Path stateDir) {
        api = ApiFixture.start(kafka, stateDir, Map.of());
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void givenNoTokenOrAWrongOne_whenCallingAnyProtectedRoute_then401WithWwwAuthenticate() {
        for (String path : List.of("/api/jobs", "/api/jobs/x", "/api/secrets", "/api/admin/secrets", "/api/stats", "/metrics",
                "/openapi.json")) {
            for (String token : new String[] {null, "wrong-token-0123456789", ApiFixture.TOKEN + "x", ApiFixture.TOKEN.substring(1)}) {
                var response = api.send(api.request(path, token).GET());
                assertThat(response.status()).as(path + " with " + token).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
                assertThat(response.json().get("type").asText()).isEqualTo("https://tecko.dev/problems/unauthorized");
            }
        }
        var write = api.send(api.request("/api/jobs", null).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(write.status()).isEqualTo(401);
        assertThat(api.send(api.request("/api/stats", ApiFixture.TOKEN).GET()).status()).isEqualTo(200);
    }

    @Test
    void givenAConnectionThatSentTheRightToken_whenTheTokenComesAgainInAnotherCase_then401() {
        // the same client keeps its connection alive: Jetty's header cache must not hand the cached right value on
        assertThat(api.get("/api/stats").status()).isEqualTo(200);
        for (String differentCase : List.of(ApiFixture.TOKEN.toUpperCase(Locale.ROOT), "T" + ApiFixture.TOKEN.substring(1))) {
            assertThat(api.send(api.request("/api/stats", differentCase).GET()).status()).as(differentCase).isEqualTo(401);
        }
    }

    @Test
    void givenAPathJettyCannotRead_whenCalling_thenTheAnswerIsAProblemDocumentToo() {
        var answer = api.send(api.request("/api/jobs/job%00", ApiFixture.TOKEN).GET());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.json().path("type").asText()).endsWith("/malformed-request");
        assertThat(answer.json().path("status").asInt()).isEqualTo(400);
    }

    @Test
    void givenNoToken_whenAskingForHealth_thenTheProcessorAndBrokerAreReportedUp() {
        var health = api.send(api.request("/api/health", null).GET());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(Json.mapper().valueToTree(Map.of("status", "UP", "streams", "RUNNING", "broker", "reachable")));
        assertThat(api.send(api.request("/health/ready", null).GET()).status()).isEqualTo(200);
        assertThat(api.send(api.request("/health/live", null).GET()).status()).isEqualTo(200);
    }

    @Test
    void givenRequestsWereAnswered_whenScrapingMetrics_thenApiAndProcessorMetricsAreThere() {
        api.get("/api/jobs/some-job");
        api.get("/api/stats");

        var metrics = api.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        var scrape = PrometheusScrape.parse(metrics.body());
        assertThat(scrape.value("tecko_api_requests_total", Map.of("method", "GET", "route", "/api/jobs/{id}", "status", "404")))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1.0));
        assertThat(scrape.value("tecko_api_requests_total", Map.of("method", "GET", "route", "/api/stats", "status", "200"))).isPresent();
        assertThat(scrape.value("tecko_api_request_duration_seconds_count", Map.of("method", "GET", "route", "/api/stats"))).isPresent();
        assertThat(scrape.value("tecko_triggers_emitted_total", Map.of("runtime", "processor"))).isPresent();
        assertThat(metrics.body()).doesNotContain("some-job");
    }

    @Test
    void givenTheWebUi_whenItsFilesAreFetchedWithoutAToken_thenTheyAreServedAndUnknownPathsAreProblems() {
        Assumptions.assumeTrue(AuthAndSystemIT.class.getResource("/web/index.html") != null, "the web UI is not built into this module");

        var page = api.send(api.request("/", null).GET());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        var missing = api.send(api.request("/no-such-file.js", null).GET());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asText()).isEqualTo("https://tecko.dev/problems/not-found");
    }

    @Test
    void givenARequestId_whenCalling_thenItIsEchoedAndOtherwiseOneIsMade() {
        var echoed = api.send(api.request("/api/stats", ApiFixture.TOKEN).header("X-Request-Id", "req-42").GET());
        var made = api.send(api.request("/api/stats", null).GET());

        assertThat(echoed.header("X-Request-Id")).isEqualTo("req-42");
        assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void givenTheOpenApiDocument_whenComparedWithTheRegisteredRoutes_thenTheyAreTheSameSetAndItIsOpenApi31() throws Exception {
        var served = api.get("/openapi.json");
        JsonNode document = served.json();

        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(served.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(OpenApiRoute.load());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        Set<String> registered = new TreeSet<>();
        api.service.server().unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .forEach(endpoint -> registered.add(endpoint.method.name() + " " + endpoint.path));
        assertThat(registered).hasSizeGreaterThanOrEqualTo(21);
        assertThat(documented).isEqualTo(registered);
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1api~1health/get/security").isArray()).as("health needs no token").isTrue();
    }
}
