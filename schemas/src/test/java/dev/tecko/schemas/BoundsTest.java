package dev.tecko.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values that once passed the contract and broke something downstream. */
class BoundsTest {
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "kbc");

    private static JobSpec spec(Instant deadline) {
        return new JobSpec("n", List.of("b1"), "openai", TARGET, null, null, null, null, deadline, null);
    }

    @Test
    void givenADeadlinePastYear9999_whenAJobIsSpecified_thenTheDeadlineIsRefusedByName() {
        // years past 9999 overflowed the processor's deadline index: the command was dead-lettered and the API waited for ever
        assertThatThrownBy(() -> spec(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(InvalidContractException.class, e -> assertThat(e.field()).isEqualTo("deadline"));
        assertThatThrownBy(() -> spec(Instant.MAX)).isInstanceOf(InvalidContractException.class);
        assertThatThrownBy(() -> new JobPatch(null, null, null, null, null, null, null, Instant.MAX, null))
                .isInstanceOfSatisfying(InvalidContractException.class, e -> assertThat(e.field()).isEqualTo("deadline"));
        assertThat(spec(Check.LATEST).deadline()).isEqualTo(Check.LATEST);
    }

    @Test
    void givenTheIdsDotAndDotDot_whenUsedAsIds_thenTheyAreRefused() {
        assertThatThrownBy(() -> Check.id(".", "jobId")).hasMessageContaining("must not be '.' or '..'");
        assertThatThrownBy(() -> Check.id("..", "jobId")).isInstanceOf(InvalidContractException.class);
        assertThat(Check.id("...", "jobId")).isEqualTo("...");
        assertThat(Check.id("a.b", "jobId")).isEqualTo("a.b");
    }
}
