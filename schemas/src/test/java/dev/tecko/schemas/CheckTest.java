package dev.tecko.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Check")
class CheckTest {

    @Test
    @DisplayName("given schemaVersion 0 (absent) when checked then it becomes the current version; negative is rejected; newer is kept")
    void givenSchemaVersions_whenChecked_thenDefaultedOrRejected() {
        assertThat(Check.schemaVersion(0)).isEqualTo(Check.CURRENT_SCHEMA_VERSION);
        assertThat(Check.schemaVersion(7)).isEqualTo(7);
        assertThatThrownBy(() -> Check.schemaVersion(-1)).isInstanceOf(InvalidContractException.class)
                .hasMessage("schemaVersion: must be 1 or more, got -1");
    }

    @Test
    @DisplayName("given ids when checked then only 1-255 characters of [A-Za-z0-9_.:-] pass and the error names the field")
    void givenIds_whenChecked_thenPatternEnforced() {
        assertThat(Check.id("batch_67a1:x.y-z", "batchId")).isEqualTo("batch_67a1:x.y-z");
        assertThat(Check.id("a".repeat(255), "batchId")).hasSize(255);
        assertThatThrownBy(() -> Check.id("a".repeat(256), "batchId")).hasMessageStartingWith("batchId: must be 1-255").hasMessageEndingWith("...'");
        assertThatThrownBy(() -> Check.id("a b", "jobId")).isInstanceOf(InvalidContractException.class)
                .satisfies(e -> assertThat(((InvalidContractException) e).field()).isEqualTo("jobId"));
        assertThatThrownBy(() -> Check.id("", "jobId")).hasMessageStartingWith("jobId: must be");
        assertThatThrownBy(() -> Check.id(null, "jobId")).hasMessage("jobId: is required");
        assertThat(Check.optionalId("", "x")).isNull();
        assertThat(Check.optionalId(null, "x")).isNull();
        assertThat(Check.optionalId("ok", "x")).isEqualTo("ok");
        assertThatThrownBy(() -> Check.optionalId("no way", "x")).hasMessageStartingWith("x: must be");
    }

    @Test
    @DisplayName("given texts when checked then blank and too long are rejected, and optional empty text means absent")
    void givenTexts_whenChecked_thenBlankAndLengthEnforced() {
        assertThat(Check.text("x", "name", 1)).isEqualTo("x");
        assertThatThrownBy(() -> Check.text(" \t", "name", 10)).hasMessage("name: must not be blank");
        assertThatThrownBy(() -> Check.text("abc", "name", 2)).hasMessage("name: must be at most 2 characters, got 3");
        assertThat(Check.optionalText("", "name", 2)).isNull();
        assertThat(Check.optionalText(null, "name", 2)).isNull();
        assertThatThrownBy(() -> Check.optionalText("  ", "name", 2)).hasMessage("name: must not be blank");
    }

    @Test
    @DisplayName("given URLs when checked then only absolute http(s) URLs with a host and without credentials pass")
    void givenUrls_whenChecked_thenHttpOnly() {
        assertThat(Check.httpUrl("https://connection.keboola.com", "u").getHost()).isEqualTo("connection.keboola.com");
        assertThat(Check.httpUrl("HTTP://localhost:8080/x?y=1", "u").getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> Check.httpUrl("ftp://x.example.com", "u")).hasMessageStartingWith("u: must be an absolute http(s) URL");
        assertThatThrownBy(() -> Check.httpUrl("/relative", "u")).hasMessageStartingWith("u: must be an absolute http(s) URL");
        assertThatThrownBy(() -> Check.httpUrl("https://user:pw@x.example.com", "u")).hasMessage("u: must not carry credentials in the URL")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> Check.httpUrl("https://x.example.com/a b", "u")).hasMessageStartingWith("u: is not a valid URL");
        assertThatThrownBy(() -> Check.httpUrl("", "u")).hasMessage("u: must not be blank");
    }

    @Test
    @DisplayName("given numbers when range-checked then the bounds are inclusive and the message says them")
    void givenNumbers_whenRangeChecked_thenInclusiveBounds() {
        assertThat(Check.range(10, "p", 10, 20)).isEqualTo(10);
        assertThat(Check.range(20, "p", 10, 20)).isEqualTo(20);
        assertThatThrownBy(() -> Check.range(21, "p", 10, 20)).hasMessage("p: must be between 10 and 20, got 21");
        assertThat(Check.nonNegative(0, "n")).isZero();
        assertThatThrownBy(() -> Check.nonNegative(-1, "n")).hasMessageStartingWith("n: must be between 0");
    }

    @Test
    @DisplayName("given collections when normalized then null becomes empty, copies are unmodifiable, map order is kept")
    void givenCollections_whenNormalized_thenImmutableCopies() {
        assertThat(Check.list(null)).isEmpty();
        var source = new java.util.ArrayList<>(List.of("a"));
        List<String> copy = Check.list(source);
        source.add("b");
        assertThat(copy).containsExactly("a");
        assertThat(Check.<String, String>map(null, "metadata")).isEmpty();
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        ordered.put("z", "1");
        ordered.put("a", "2");
        Map<String, String> mapCopy = Check.map(ordered, "metadata");
        assertThat(mapCopy.keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> mapCopy.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Check.noNulls(Arrays.asList("a", null), "errors")).hasMessage("errors[1]: must not be null");
        Check.noNulls(List.of("a"), "errors");
        assertThatThrownBy(() -> Check.required(null, "f")).hasMessage("f: is required");
        assertThat(new HashMap<>(Check.map(Map.of("k", "v"), "metadata"))).containsEntry("k", "v");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> Check.map(withNull, "metadata")).hasMessage("metadata: must not hold null names or values");
    }

    @Test
    @DisplayName("given id lists when checked then size bounds, element ids and duplicates are enforced with the index in the field")
    void givenIdLists_whenChecked_thenDistinctAndBounded() {
        assertThat(Check.distinctIds(List.of("a", "b"), "batchIds", 1, 2)).containsExactly("a", "b");
        assertThatThrownBy(() -> Check.distinctIds(List.of(), "batchIds", 1, 2)).hasMessage("batchIds: must hold 1 to 2 entries, got 0");
        assertThatThrownBy(() -> Check.distinctIds(List.of("a", "b", "c"), "batchIds", 1, 2)).hasMessage("batchIds: must hold 1 to 2 entries, got 3");
        assertThatThrownBy(() -> Check.distinctIds(List.of("a", "a"), "batchIds", 1, 5)).hasMessage("batchIds[1]: duplicate id 'a'");
        assertThatThrownBy(() -> Check.distinctIds(List.of("a", "b c"), "batchIds", 1, 5)).hasMessageStartingWith("batchIds[1]: must be");
        assertThatThrownBy(() -> Check.distinctIds(null, "batchIds", 1, 5)).hasMessage("batchIds: is required");
    }

    @Test
    @DisplayName("given random texts, when checked as ids by the loop and by the documented pattern, then both agree")
    void theIdLoopAgreesWithTheDocumentedPattern() {
        var random = new Random(20261205L);
        String alphabet = "azAZ09_.:-/ \u00e9\u4e2d\ud83d\ude00+%\t";
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(4) == 0 ? 250 + random.nextInt(10) : random.nextInt(8);
            var text = new StringBuilder();
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(26)));
            }
            String value = text.toString();
            assertThat(Check.hasIdCharacters(value)).as("'%s'", value).isEqualTo(Check.ID.matcher(value).matches());
        }
    }
}
