package dev.tecko.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.json.JsonSerde;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The serde every {@code batch-status} record goes through, twice per observation (poller writes, processor reads).
 * {@link #baselineParseTree()} parses the same bytes into a plain JSON tree: the cost of JSON itself, without records,
 * validation or instants, so the difference is what our contract classes add.
 */
@State(Scope.Benchmark)
public class ObservationSerdeBenchmark {
    private final JsonSerde<BatchObservation> serde = new JsonSerde<>(BatchObservation.class);
    private final BatchObservation observation = JobFixtures.completed(12_345, 7);
    private final byte[] bytes = serde.toBytes(observation);

    @Benchmark
    public byte[] serialize() {
        return serde.toBytes(observation);
    }

    @Benchmark
    public BatchObservation deserialize() {
        return serde.fromBytes(bytes);
    }

    @Benchmark
    public JsonNode baselineParseTree() throws IOException {
        return Json.mapper().readTree(bytes);
    }
}
