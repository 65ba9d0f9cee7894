package dev.tecko.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretValueTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "key\\n|key",
            "key\\r\\n|key",
            "key\\n\\n|key\\n",
            "line one\\nline two\\n|line one\\nline two",
            "  spaced  |  spaced  "})
    void givenPipedInput_whenRead_thenAllOfItIsTheValueLessOneTrailingNewline(String piped, String expected) {
        assertThat(SecretValue.read(FakeTerminal.piping(unescape(piped)), "?")).contains(unescape(expected));
    }

    @Test
    void givenInputThatEndsBeforeAnythingIsTyped_whenRead_thenThereIsNoValue() {
        assertThat(SecretValue.read(FakeTerminal.typing(null), "?")).isEmpty();
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
