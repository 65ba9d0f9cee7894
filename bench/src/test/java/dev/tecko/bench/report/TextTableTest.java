package dev.tecko.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void givenRowsOfDifferentWidths_thenColumnsLineUpAndValuesAreRightAligned() {
        String rendered = new TextTable("section", "metric", "value")
                .row("result", "events_per_second", "12345")
                .row("ratio", "r", "0.5")
                .render();

        List<String> lines = rendered.lines().toList();
        assertThat(lines).containsExactly(
                "section  metric             value",
                "-------  -----------------  -----",
                "result   events_per_second  12345",
                "ratio    r                    0.5");
    }

    @Test
    void givenARowWithTheWrongNumberOfCells_thenItIsRefused() {
        assertThatThrownBy(() -> new TextTable("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 2 cells");
    }
}
