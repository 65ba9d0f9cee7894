package dev.tecko.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.schemas.KeboolaVariables;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.json.JsonSerde;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("examples/")
class ExamplesTest {

    static Stream<Arguments> examples() {
        return Contracts.RECORDS.keySet().stream()
                .flatMap(schema -> Contracts.examples(schema).stream().map(file -> Arguments.of(schema, file)));
    }

    @Test
    @DisplayName("given every schema when its examples folder is listed then it holds at least a minimal and a full example")
    void givenEverySchema_whenExamplesListed_thenAtLeastTwo() {
        Contracts.RECORDS.keySet().forEach(schema ->
                assertThat(Contracts.examples(schema)).as(schema).hasSizeGreaterThanOrEqualTo(2));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    @DisplayName("given an example when validated against its schema then it is valid")
    void givenExample_whenValidated_thenValid(String schema, Path file) {
        assertThat(Contracts.errors(schema, Contracts.readJson(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    @DisplayName("given an example when read into its record and written back then the JSON is unchanged")
    void givenExample_whenRoundTripped_thenUnchanged(String schema, Path file) throws Exception {
        JsonNode original = Contracts.readJson(file);
        var serde = new JsonSerde<>(Contracts.RECORDS.get(schema));
        Object record = serde.fromBytes(Json.mapper().writeValueAsBytes(original));
        JsonNode written = Json.mapper().readTree(serde.toBytes(cast(record)));
        assertThat(written).isEqualTo(original);
    }

    @Test
    @DisplayName("given the trigger-command examples when read then their variables are exactly KeboolaVariables.of(batches)")
    void givenTriggerCommandExamples_whenRead_thenVariablesMatchBatches() {
        var serde = new JsonSerde<>(TriggerCommand.class);
        for (Path file : Contracts.examples("trigger-command")) {
            TriggerCommand trigger = serde.fromBytes(Contracts.readJson(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var expected = file.getFileName().toString().contains("extended")
                    ? KeboolaVariables.extended(trigger.batches()) : KeboolaVariables.of(trigger.batches());
            assertThat(trigger.variables()).as(file.toString()).isEqualTo(expected);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
