package dev.tecko.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.schemas.contract.Contracts;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** json/ against compat/ (the last released copy): contracts only ever grow. */
@DisplayName("released schemas stay compatible")
class ReleasedSchemasCompatibilityTest {

    static Stream<String> releasedFiles() throws IOException {
        try (Stream<Path> files = Files.list(Contracts.COMPAT_DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json")).sorted().toList().stream();
        }
    }

    @Test
    @DisplayName("given the compat folder when listed then every schema of json/ has a released baseline")
    void givenCompatFolder_whenListed_thenEverySchemaHasBaseline() throws IOException {
        List<String> current;
        try (Stream<Path> files = Files.list(Contracts.JSON_DIR)) {
            current = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json")).sorted().toList();
        }
        assertThat(releasedFiles().toList()).containsAll(current);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedFiles")
    @DisplayName("given a released schema when the current one is compared with it then there is no breaking change")
    void givenReleasedSchema_whenCurrentCompared_thenNoBreakingChange(String file) throws IOException {
        Path current = Contracts.JSON_DIR.resolve(file);
        assertThat(current).as("a released schema must not disappear").exists();
        JsonNode released = Json.mapper().readTree(Files.readAllBytes(Contracts.COMPAT_DIR.resolve(file)));
        assertThat(SchemaCompatibility.breakingChanges(released, Json.mapper().readTree(Files.readAllBytes(current)))).isEmpty();
    }
}
