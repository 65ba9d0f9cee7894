package dev.tecko.observability.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.observability.health.GroupMembership;
import dev.tecko.observability.health.Readiness;
import dev.tecko.observability.metrics.RuntimeRegistry;
import dev.tecko.observability.testing.OpsClient;
import dev.tecko.schemas.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP on loopback, as Prometheus and a container's probes use it. */
class OpsServerTest {
    private final PrometheusMeterRegistry registry = RuntimeRegistry.prometheus("poller", "host-1");
    private final GroupMembership membership = new GroupMembership("kafka_consumer");
    private final AtomicBoolean stopping = new AtomicBoolean();
    private OpsServer server;
    private OpsClient client;

    @BeforeEach
    void start() throws Exception {
        server = new OpsServer(0, registry, new Readiness().add(membership), stopping::get, "poller").start();
        client = new OpsClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void givenACounter_whenMetricsAreScraped_thenItIsThereInPrometheusTextWithTheCommonTags() {
        registry.counter("tecko.poller.polls", "outcome", "changed").increment(3);

        var answer = client.get("/metrics");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(client.scrape().value("tecko_poller_polls_total",
                Map.of("outcome", "changed", "runtime", "poller", "instance_id", "host-1"))).hasValue(3.0);
    }

    @Test
    void givenARunningProcess_whenItStartsStopping_thenLivenessTurnsFrom200To503() {
        assertThat(client.get("/health/live").status()).isEqualTo(200);

        stopping.set(true);

        var answer = client.get("/health/live");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer.body()).path("failing")).extracting(JsonNode::asText).containsExactly("stopping");
    }

    @Test
    void givenAConsumerNotYetInItsGroup_whenReadinessIsProbed_then503NamesTheFailingCheckUntilItJoins() {
        var down = client.get("/health/ready");
        assertThat(down.status()).isEqualTo(503);
        JsonNode body = json(down.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("failing")).extracting(JsonNode::asText).containsExactly("kafka_consumer");
        assertThat(body.path("checks").path("kafka_consumer").path("detail").asText()).contains("not a member");

        membership.assigned(List.of("p0"));

        var up = client.get("/health/ready");
        assertThat(up.status()).isEqualTo(200);
        assertThat(json(up.body()).path("status").asText()).isEqualTo("UP");
        assertThat(json(up.body()).has("failing")).isFalse();
    }

    @Test
    void givenAReadyRuntime_whenItIsStopping_thenItIsNoLongerReadyEither() {
        membership.assigned(List.of("p0"));
        stopping.set(true);

        var answer = client.get("/health/ready");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer.body()).path("failing")).extracting(JsonNode::asText).containsExactly("stopping");
    }

    @Test
    void givenAnUnknownPathOrAWrite_whenRequested_thenTheEndpointRefusesIt() {
        assertThat(client.get("/admin").status()).isEqualTo(404);
        assertThat(client.post("/metrics").status()).isEqualTo(405);
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
