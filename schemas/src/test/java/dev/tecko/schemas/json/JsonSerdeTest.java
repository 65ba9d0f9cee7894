package dev.tecko.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.RequestCounts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JsonSerde")
class JsonSerdeTest {
    private final JsonSerde<BatchObservation> serde = new JsonSerde<>(BatchObservation.class);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("given a record when written and read through the Kafka serializer and deserializer then it comes back equal")
    void givenRecord_whenRoundTripped_thenEqual() {
        var observation = BatchObservation.polled("job", "batch_1", BatchStatus.COMPLETED, new RequestCounts(3, 3, 0), Instant.parse("2025-03-01T10:00:00Z"));
        byte[] bytes = serde.serializer().serialize("t", observation);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"status\":\"completed\"").contains("\"observedAt\":\"2025-03-01T10:00:00Z\"")
                .doesNotContain("null");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(observation);
        assertThat(serde.type()).isEqualTo(BatchObservation.class);
    }

    @Test
    @DisplayName("given null when serialized or deserialized then null passes through (tombstones)")
    void givenNull_whenSerde_thenNull() {
        assertThat(serde.toBytes(null)).isNull();
        assertThat(serde.fromBytes(null)).isNull();
    }

    @Test
    @DisplayName("given bytes that are not JSON when read then the message says not JSON and names the type")
    void givenNotJson_whenRead_thenNotJsonMessage() {
        assertThatThrownBy(() -> serde.fromBytes(utf8("{not json")))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("invalid BatchObservation: not JSON (");
    }

    @Test
    @DisplayName("given JSON that breaks a record rule when read then the message is the record's own, naming the field")
    void givenContractViolation_whenRead_thenFieldNamed() {
        assertThatThrownBy(() -> serde.fromBytes(utf8("{\"schemaVersion\":1,\"jobId\":\"bad id\",\"batchId\":\"b\",\"status\":\"completed\","
                + "\"observedAt\":\"2025-03-01T10:00:00Z\",\"source\":\"poll\"}")))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("invalid BatchObservation: jobId: must be 1-255 characters");
    }

    @Test
    @DisplayName("given JSON with a wrong type or enum when read then the message names the path to the field")
    void givenWrongType_whenRead_thenPathNamed() {
        assertThatThrownBy(() -> serde.fromBytes(utf8("{\"schemaVersion\":1,\"jobId\":\"j\",\"batchId\":\"b\",\"status\":\"done\","
                + "\"observedAt\":\"2025-03-01T10:00:00Z\",\"source\":\"poll\"}")))
                .hasMessageStartingWith("invalid BatchObservation: status: ");
        assertThatThrownBy(() -> serde.fromBytes(utf8("{\"schemaVersion\":1,\"jobId\":\"j\",\"batchId\":\"b\",\"status\":\"completed\","
                + "\"errors\":[{\"line\":\"x\"}],\"observedAt\":\"2025-03-01T10:00:00Z\",\"source\":\"poll\"}")))
                .hasMessageStartingWith("invalid BatchObservation: errors[0].line: ");
        assertThatThrownBy(() -> new JsonSerde<>(JobCommand.class).fromBytes(utf8("[]")))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("invalid JobCommand: ");
    }

    @Test
    @DisplayName("given a string longer than Json.MAX_STRING_LENGTH when read then it is rejected without echoing the payload")
    void givenHugeString_whenRead_thenRejected() {
        String huge = "x".repeat(Json.MAX_STRING_LENGTH + 1);
        assertThatThrownBy(() -> serde.fromBytes(utf8("{\"schemaVersion\":1,\"jobId\":\"" + huge + "\"}")))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("invalid BatchObservation: ")
                .hasMessageContaining("String value length").satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    @DisplayName("given a value the mapper cannot write when serialized then a SerializationException names the type")
    void givenUnwritableValue_whenSerialized_thenSerializationException() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        JsonSerde<Object> raw = (JsonSerde) new JsonSerde<>(Object.class);
        assertThatThrownBy(() -> raw.toBytes(new Object())).isInstanceOf(SerializationException.class).hasMessageStartingWith("cannot write Object: ");
    }
}
