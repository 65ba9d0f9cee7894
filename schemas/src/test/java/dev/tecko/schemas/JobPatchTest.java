package dev.tecko.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JobPatch#applyTo}: the one rule by which an update changes a job, for the processor and the API alike. */
class JobPatchTest {
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "123", "kbc-token");
    private static final Instant DEADLINE = Instant.parse("2026-02-01T00:00:00Z");
    private static final JobSpec CURRENT = new JobSpec("nightly", List.of("b1", "b2"), "openai", TARGET, 120, 60, 600,
            TriggerPolicy.ALWAYS, DEADLINE, null);

    @Test
    void givenAPatchOfSomeFields_whenApplied_thenThoseChangeAndTheRestStays() {
        var patch = new JobPatch("renamed", null, null, 300, null, null, TriggerPolicy.ALL_COMPLETED, null, null);

        JobSpec merged = patch.applyTo(CURRENT);

        assertThat(merged.name()).isEqualTo("renamed");
        assertThat(merged.pollIntervalSeconds()).isEqualTo(300);
        assertThat(merged.triggerPolicy()).isEqualTo(TriggerPolicy.ALL_COMPLETED);
        assertThat(merged.batchIds()).containsExactly("b1", "b2");
        assertThat(merged.openaiSecret()).isEqualTo("openai");
        assertThat(merged.target()).isEqualTo(TARGET);
        assertThat(merged.minPollIntervalSeconds()).isEqualTo(60);
        assertThat(merged.maxPollIntervalSeconds()).isEqualTo(600);
        assertThat(merged.deadline()).isEqualTo(DEADLINE);
    }

    @Test
    void givenATaggedJobHoldingNoBatchYet_whenPatched_thenItsSearchSettingsAndEmptyIdsStay() {
        var tagged = new JobSpec("nightly", List.of(), "openai", TARGET, 120, null, null, null, null, null, null, null,
                new BatchTag("run", "nightly-2026-12-04"), DEADLINE.minusSeconds(60), DEADLINE, 12);

        JobSpec merged = new JobPatch("renamed", null, null, 300, null, null, null, null, null).applyTo(tagged);

        assertThat(merged.name()).isEqualTo("renamed");
        assertThat(merged.batchIds()).isEmpty();
        assertThat(merged.batchTag()).isEqualTo(new BatchTag("run", "nightly-2026-12-04"));
        assertThat(merged.tagSince()).isEqualTo(DEADLINE.minusSeconds(60));
        assertThat(merged.sealAt()).isEqualTo(DEADLINE);
        assertThat(merged.expectedBatches()).isEqualTo(12);
    }

    @Test
    void givenClearDeadline_whenApplied_thenTheDeadlineIsGone() {
        var patch = new JobPatch(null, null, null, null, null, null, null, null, true);

        assertThat(patch.applyTo(CURRENT).deadline()).isNull();
    }

    @Test
    void givenANewDeadline_whenApplied_thenItReplacesTheOld() {
        Instant later = DEADLINE.plusSeconds(3600);

        assertThat(new JobPatch(null, null, null, null, null, null, null, later, null).applyTo(CURRENT).deadline()).isEqualTo(later);
    }

    @Test
    void givenAPatchThatIsValidAloneButNotOverTheJob_whenApplied_thenTheFieldAtFaultIsNamed() {
        // 30 s is a valid interval, but below the job's minimum of 60 s
        var patch = new JobPatch(null, null, null, 30, null, null, null, null, null);

        assertThatThrownBy(() -> patch.applyTo(CURRENT)).isInstanceOfSatisfying(InvalidContractException.class,
                e -> assertThat(e.field()).isEqualTo("minPollIntervalSeconds"));
    }
}
