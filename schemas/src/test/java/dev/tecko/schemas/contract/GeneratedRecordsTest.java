package dev.tecko.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.json.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever the records can be built as, they serialize to JSON their schema accepts (and read back equal). */
@DisplayName("generated records")
class GeneratedRecordsTest {
    private static final long SEED = 20250301L;
    private static final int PER_TYPE = 300;
    /** Optional in the schema (readers default them) but always written by the records. */
    private static final Map<String, Set<String>> ALWAYS_WRITTEN = Map.of(
            "batch-observation", Set.of("requestCounts", "providerTimestamps"),
            "job-snapshot", Set.of("counts", "triggerPolicy", "requestCounts"),
            "encrypted-secret", Set.of("algorithm"));

    static Stream<String> schemas() {
        return Contracts.RECORDS.keySet().stream();
    }

    private static List<Object> generate(String schema) {
        var generator = new RecordGenerator(SEED + schema.hashCode());
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < PER_TYPE; i++) {
            records.add(generator.next(Contracts.RECORDS.get(schema)));
        }
        return records;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    @DisplayName("given a few hundred random valid records when serialized then each validates against the schema and reads back equal")
    void givenRandomRecords_whenSerialized_thenValidAndRoundTrip(String schema) {
        var serde = new JsonSerde<>(Contracts.RECORDS.get(schema));
        for (Object record : generate(schema)) {
            byte[] json = serde.toBytes(cast(record));
            assertThat(Contracts.errors(schema, json)).as("%s", new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
            assertThat(serde.fromBytes(json)).isEqualTo(record);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    @DisplayName("given the generated records when their JSON is inspected then every optional top-level property is both present and absent somewhere")
    void givenRandomRecords_whenInspected_thenOptionalPropertiesCovered(String schema) throws IOException {
        JsonNode schemaJson = Json.mapper().readTree(Files.readAllBytes(Contracts.JSON_DIR.resolve(schema + ".schema.json")));
        Set<String> required = new HashSet<>();
        schemaJson.get("required").forEach(r -> required.add(r.asText()));
        Map<String, Integer> presence = new HashMap<>();
        var serde = new JsonSerde<>(Contracts.RECORDS.get(schema));
        for (Object record : generate(schema)) {
            Json.mapper().readTree(serde.toBytes(cast(record))).fieldNames().forEachRemaining(f -> presence.merge(f, 1, Integer::sum));
        }
        Set<String> properties = new TreeSet<>();
        schemaJson.get("properties").fieldNames().forEachRemaining(properties::add);
        for (String property : properties) {
            int seen = presence.getOrDefault(property, 0);
            if (required.contains(property) || ALWAYS_WRITTEN.getOrDefault(schema, Set.of()).contains(property)) {
                assertThat(seen).as("%s.%s always present", schema, property).isEqualTo(PER_TYPE);
            } else {
                assertThat(seen).as("%s.%s sometimes present, sometimes absent", schema, property).isBetween(1, PER_TYPE - 1);
            }
        }
        assertThat(properties).as("the schema describes every property the record writes").containsAll(presence.keySet());
    }

    @Test
    @DisplayName("given the generated records when their enum values are collected then every value of every enum occurs")
    void givenRandomRecords_whenEnumsCollected_thenAllValuesOccur() {
        Set<String> seen = new HashSet<>();
        Contracts.RECORDS.forEach((schema, type) -> {
            var serde = new JsonSerde<>(type);
            for (Object record : generate(schema)) {
                collectStrings(readTree(serde.toBytes(cast(record))), "", seen);
            }
        });
        expect(seen, "status", BatchStatus.values());
        expect(seen, "type", CommandType.values());
        expect(seen, "type", EventType.values());
        expect(seen, "status", JobStatus.values());
        expect(seen, "source", ObservationSource.values());
        expect(seen, "type", SecretType.values());
        expect(seen, "target.type", TargetType.values());
        expect(seen, "outcome", TriggerOutcome.values());
        expect(seen, "triggerPolicy.type", TriggerPolicy.Type.values());
    }

    private static void expect(Set<String> seen, String path, Enum<?>[] values) {
        Arrays.stream(values).forEach(v -> assertThat(seen).as("%s = %s generated", path, v)
                .anyMatch(s -> s.endsWith(path + "=" + Json.mapper().convertValue(v, String.class))));
    }

    private static void collectStrings(JsonNode node, String path, Set<String> into) {
        if (node.isTextual()) {
            into.add(path + "=" + node.asText());
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> collectStrings(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), into));
        } else if (node.isArray()) {
            node.forEach(element -> collectStrings(element, path, into));
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    static {
        // fail early and clearly if the schemas are not on the classpath
        if (GeneratedRecordsTest.class.getResource("/schemas/job-command.schema.json") == null) {
            throw new UncheckedIOException(new IOException("schemas/*.schema.json not on the test classpath"));
        }
    }
}
