package dev.tecko.poller.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.schemas.TokenUsage;
import dev.tecko.schemas.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batch object's {@code usage} and {@code model}: parsed when OpenAI reports them, no numbers (not zeros) when not. */
class BatchParserUsageTest {
    private static final String BATCH = """
            {"id":"batch_1","object":"batch","status":"completed","request_counts":{"total":3,"completed":3,"failed":0},
             "model":"gpt-4o-mini-2024-07-18",%s"metadata":null}""";

    private static ProviderBatch parse(String usageField) throws Exception {
        return BatchParser.batch(BATCH.formatted(usageField).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("given OpenAI's usage with its details, when parsed, then every count and the model are in the observation")
    void fullUsage() throws Exception {
        ProviderBatch batch = parse("""
                "usage":{"input_tokens":1500,"input_tokens_details":{"cached_tokens":300},"output_tokens":420,
                "output_tokens_details":{"reasoning_tokens":128},"total_tokens":1920},""");
        assertThat(batch.usage()).isEqualTo(new TokenUsage(1500, 420, 1920, 300, 128));
        assertThat(batch.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        var observation = batch.toObservation("job-1", java.time.Instant.EPOCH, dev.tecko.schemas.ObservationSource.POLL);
        assertThat(observation.usage()).isEqualTo(batch.usage());
        assertThat(observation.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    }

    @Test
    @DisplayName("given usage without its details (compatible servers), when parsed, then the details count 0")
    void usageWithoutDetails() throws Exception {
        assertThat(parse("\"usage\":{\"input_tokens\":10,\"output_tokens\":5,\"total_tokens\":15},").usage())
                .isEqualTo(new TokenUsage(10, 5, 15, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"usage\":null,", "\"usage\":{},", "\"usage\":{\"input_tokens\":10},", "\"usage\":[1,2],",
            "\"usage\":{\"input_tokens\":-1,\"output_tokens\":5,\"total_tokens\":4},",
            "\"usage\":{\"input_tokens\":\"10\",\"output_tokens\":5,\"total_tokens\":15},",
            "\"usage\":{\"input_tokens\":1.5,\"output_tokens\":5,\"total_tokens\":15},",
            "\"usage\":{\"input_tokens\":99999999999999999999999,\"output_tokens\":5,\"total_tokens\":15},"})
    @DisplayName("given no usage, or one without its three totals as whole non-negative numbers, when parsed, then the batch has no usage, not zeros")
    void noUsage(String usageField) throws Exception {
        ProviderBatch batch = parse(usageField);
        assertThat(batch.usage()).isNull();
        assertThat(batch.status()).as("the rest of the batch is read as ever").isEqualTo(dev.tecko.schemas.BatchStatus.COMPLETED);
    }

    @Test
    @DisplayName("given the observation with usage, when written as JSON, then usage is there; without usage, no usage field at all")
    void usageOnTheWire() throws Exception {
        var with = parse("\"usage\":{\"input_tokens\":10,\"output_tokens\":5,\"total_tokens\":15},")
                .toObservation("job-1", java.time.Instant.EPOCH, dev.tecko.schemas.ObservationSource.POLL);
        JsonNode json = Json.mapper().valueToTree(with);
        assertThat(json.path("usage").path("totalTokens").asLong()).isEqualTo(15);
        var without = parse("").toObservation("job-1", java.time.Instant.EPOCH, dev.tecko.schemas.ObservationSource.POLL);
        assertThat(Json.mapper().valueToTree(without).has("usage")).isFalse();
    }
}
