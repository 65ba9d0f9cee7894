package dev.tecko.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void givenTheShortForms_thenEachUnitIsRead() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void givenSomethingElse_thenPicocliGetsAConversionErrorNamingTheValue() {
        assertThatThrownBy(() -> converter.convert("10 minutes")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'10 minutes'");
        assertThatThrownBy(() -> converter.convert("5d")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
