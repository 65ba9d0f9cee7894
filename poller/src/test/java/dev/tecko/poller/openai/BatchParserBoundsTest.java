package dev.tecko.poller.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.topics.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a provider sends is bounded when it is read, so no observation can outgrow the broker's record limit. */
class BatchParserBoundsTest {

    /** A failed batch as a real provider may answer it: 400 entries of errors.data, about 1.2 MB in all. */
    private static byte[] failedBatchWithErrors(int errors, int messageLength) throws Exception {
        ObjectNode batch = Json.mapper().createObjectNode().put("id", "batch_big").put("status", "failed").put("created_at", 1_700_000_000);
        ArrayNode data = batch.putObject("errors").put("object", "list").putArray("data");
        for (int i = 0; i < errors; i++) {
            data.addObject().put("code", "invalid_request").put("message", ("line " + i + " is wrong. ").repeat(messageLength / 20))
                    .put("param", "body").put("line", i);
        }
        ObjectNode metadata = batch.putObject("metadata");
        for (int i = 0; i < 100; i++) {
            metadata.put("key-" + i + "-" + "k".repeat(100), "v".repeat(2_000));
        }
        return Json.mapper().writeValueAsBytes(batch);
    }

    @Test
    void givenAFailedBatchWith400LongErrors_whenParsed_thenTheObservationKeepsTheFirst20AndCountsTheRest() throws Exception {
        byte[] body = failedBatchWithErrors(400, 3_000);
        assertThat(body.length).as("the provider's answer").isGreaterThan(1_200_000);

        ProviderBatch batch = BatchParser.batch(body);
        BatchObservation observation = batch.toObservation("job-1", Instant.parse("2026-01-01T00:00:00Z"), ObservationSource.POLL);

        assertThat(observation.errors()).hasSize(BatchObservation.MAX_ERRORS);
        assertThat(observation.errors().get(0).line()).isEqualTo(0);
        assertThat(observation.errorsDropped()).isEqualTo(380);
        assertThat(observation.errors()).allSatisfy(e -> assertThat(e.message()).hasSizeLessThanOrEqualTo(Check.MAX_TEXT));
        assertThat(observation.metadata()).hasSize(16).allSatisfy((k, v) -> {
            assertThat(k).hasSizeLessThanOrEqualTo(64);
            assertThat(v).hasSizeLessThanOrEqualTo(512);
        });
        var topic = Topics.withDefaultPrefix().batchStatus();
        byte[] record = topic.valueSerde().serializer().serialize(topic.name(), observation);
        assertThat(record.length).as("serialized observation").isLessThan(128 * 1024);
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), record)).isEqualTo(observation);
    }

    @Test
    void givenAnObservationBuiltWithTooManyErrors_whenConstructed_thenItIsBoundedWhoeverBuildsIt() throws Exception {
        ProviderBatch batch = BatchParser.batch(failedBatchWithErrors(25, 100));
        var all = new java.util.ArrayList<>(batch.errors());
        all.addAll(batch.errors());
        var observation = new BatchObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", "batch_big", batch.status(), null, null, null,
                all, null, null, Instant.EPOCH, ObservationSource.POLL, null, 5);
        assertThat(observation.errors()).hasSize(BatchObservation.MAX_ERRORS);
        assertThat(observation.errorsDropped()).isEqualTo(5 + 40 - BatchObservation.MAX_ERRORS);
    }

    @Test
    void givenABatchWithoutErrors_whenParsed_thenNothingIsCountedAsDropped() throws Exception {
        ProviderBatch batch = BatchParser.batch("{\"id\":\"batch_1\",\"status\":\"completed\"}".getBytes());
        assertThat(batch.toObservation("job-1", Instant.EPOCH, ObservationSource.POLL).errorsDropped()).isNull();
    }
}
