package dev.tecko.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.api.jobs.JobReader;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.processor.query.JobOwner;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two instances in one application id: any instance answers any request, reads go to the job's owner. */
@ExtendWith(KafkaBrokerExtension.class)
class ForwardingIT {

    @Test
    void givenTwoInstances_whenAJobIsReadFromTheOneThatDoesNotOwnIt_thenTheOwnerAnswersThroughIt(EmbeddedKafka kafka,
            @TempDir Path stateA, @TempDir Path stateB) {
        Topics topics = ApiFixture.newTopics(kafka);
        Map<String, String> shared = Map.of(RuntimeSettings.APPLICATION_ID, "fwd-" + UUID.randomUUID(),
                MasterKey.ENV, MasterKey.generateBase64(), ApiSettings.ALLOW_LOOPBACK, "true");
        TeckoConfig configA = ApiFixture.config(kafka, topics, stateA, shared);
        try (var a = ApiFixture.start(configA);
             var b = ApiFixture.start(ApiFixture.config(kafka, topics, stateB, shared))) {
            a.secret("openai", "openai");
            a.secret("hook", "webhook");
            // the sandbox flag lets jobs call back to loopback, so the webhook below is accepted
            for (int i = 0; i < 6; i++) {
                var created = a.post("/api/jobs", "{\"jobId\":\"fwd-" + i + "\",\"name\":\"n\",\"batchIds\":[\"b\"],"
                        + "\"openaiSecret\":\"openai\",\"webhookUrl\":\"http://127.0.0.1:1/hook\",\"webhookSecret\":\"hook\"}");
                assertThat(created.status()).as(created.toString()).isIn(201, 202);
            }

            AtomicReference<String> ownedByB = new AtomicReference<>();
            await().atMost(ApiFixture.WAIT).until(() -> {
                for (int i = 0; i < 6; i++) {
                    JobOwner owner = a.service.runtime().queries().ownerOf("fwd-" + i);
                    if (!owner.local() && owner.host().isPresent() && b.service.runtime().queries().ownerOf("fwd-" + i).local()) {
                        ownedByB.set("fwd-" + i);
                        return true;
                    }
                }
                return false;
            });
            String jobId = ownedByB.get();

            await().atMost(ApiFixture.WAIT).untilAsserted(() -> {
                var viaA = a.get("/api/jobs/" + jobId);
                assertThat(viaA.status()).isEqualTo(200);
                assertThat(viaA.header(JobReader.SERVED_BY)).isEqualTo("forwarded");
                assertThat(viaA.json().get("jobId").asText()).isEqualTo(jobId);
                assertThat(viaA.json().get("target").get("url").asText()).isEqualTo("http://127.0.0.1:1/hook");
            });
            assertThat(b.get("/api/jobs/" + jobId).header(JobReader.SERVED_BY)).isEqualTo("local");
            var notAgain = a.send(a.request("/api/jobs/" + jobId, ApiFixture.TOKEN).header(JobReader.FORWARDED, "true").GET());
            assertThat(notAgain.header(JobReader.SERVED_BY)).as("a forwarded read is never forwarded again").isEqualTo("view");
            assertThat(notAgain.json().get("jobId").asText()).isEqualTo(jobId);
            assertThat(b.get("/api/jobs?limit=500").json().get("total").asInt()).as("lists: every job, on any instance").isEqualTo(6);
        }
    }
}
