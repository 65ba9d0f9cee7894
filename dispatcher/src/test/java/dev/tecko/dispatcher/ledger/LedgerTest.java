package dev.tecko.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Ledger ledger = new Ledger();

    private static TriggerCommand trigger(int generation) {
        return TriggerCommand.of("job-1", "job", generation, TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "kbc"),
                List.of(new BatchOutcome("b", BatchStatus.COMPLETED, null, null, null)), NOW);
    }

    @Test
    void givenANewTrigger_whenDecided_thenItIsSentWithAFreshMarkAndItsDuplicateIsSkipped() {
        var first = ledger.decide(0, trigger(1), NOW);
        assertThat(first.verdict()).isEqualTo(Ledger.Verdict.SEND);
        assertThat(first.mark().sentAt()).isEqualTo(NOW);
        assertThat(ledger.decide(0, trigger(1), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
    }

    @Test
    void givenAMarkSentByAnEarlierRun_whenDecided_thenItIsRecoveredOnce() {
        ledger.load(0, DispatchMark.sent(trigger(1), null, NOW));
        var decision = ledger.decide(0, trigger(1), NOW.plusSeconds(5));
        assertThat(decision.verdict()).isEqualTo(Ledger.Verdict.RECOVER);
        assertThat(decision.mark().sentAt()).isEqualTo(NOW);
        assertThat(ledger.decide(0, trigger(1), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
        ledger.abandoned(trigger(1).triggerId());
        assertThat(ledger.decide(0, trigger(1), NOW).verdict()).isEqualTo(Ledger.Verdict.RECOVER);
    }

    @Test
    void givenADoneGeneration_whenItOrAnOlderOneComesAgain_thenSkipped_andTheNextGenerationRemembersItsJob() {
        ledger.completed(0, DispatchMark.sent(trigger(2), null, NOW).done("kbc-job-9", NOW));
        assertThat(ledger.decide(0, trigger(2), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
        assertThat(ledger.decide(0, trigger(1), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
        var next = ledger.decide(0, trigger(3), NOW);
        assertThat(next.verdict()).isEqualTo(Ledger.Verdict.SEND);
        assertThat(next.mark().previousKeboolaJobId()).isEqualTo("kbc-job-9");
    }

    @Test
    void givenAPartitionIsForgotten_whenItsTriggerComesAgain_thenItIsNewToThisInstance() {
        ledger.completed(1, DispatchMark.sent(trigger(1), null, NOW).done(null, NOW));
        ledger.forget(1);
        ledger.forget(7);
        assertThat(ledger.decide(1, trigger(1), NOW).verdict()).isEqualTo(Ledger.Verdict.SEND);
    }

    private static TriggerCommand triggerOfJobCreatedAt(int generation, Instant jobCreatedAt) {
        return TriggerCommand.of("job-1", "job", generation, TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "kbc"),
                List.of(new BatchOutcome("b", BatchStatus.COMPLETED, null, null, null)), NOW, jobCreatedAt);
    }

    @Test
    void givenTheJobIdWasCreatedAgain_whenTheNewJobsFirstGenerationComes_thenItIsSent_andTheOldJobsTriggersStaySkipped() {
        Instant firstJob = NOW.minusSeconds(3_600);
        Instant secondJob = NOW;
        // Given the first job of this id reached generation 3, delivered
        ledger.completed(0, DispatchMark.sent(triggerOfJobCreatedAt(3, firstJob), null, NOW).done("kbc-job-3", NOW, 10L));

        // When the id names a new job (deleted and created again, or created again after a processor state reset)
        var fresh = ledger.decide(0, triggerOfJobCreatedAt(1, secondJob), NOW);

        // Then its generation 1 is a new trigger, and the old job's Keboola job is not taken for it
        assertThat(fresh.verdict()).isEqualTo(Ledger.Verdict.SEND);
        assertThat(fresh.mark().jobCreatedAt()).isEqualTo(secondJob);
        assertThat(fresh.mark().previousKeboolaJobId()).isEqualTo("kbc-job-3");
        ledger.completed(0, fresh.mark().done("kbc-job-4", NOW, 11L));
        // and the old job's triggers, emitted again by a reprocessing, are still skipped
        assertThat(ledger.decide(0, triggerOfJobCreatedAt(3, firstJob), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
        assertThat(ledger.decide(0, triggerOfJobCreatedAt(1, firstJob), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
        assertThat(ledger.decide(0, triggerOfJobCreatedAt(1, secondJob), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
    }

    @Test
    void givenMarksWrittenBeforeJobCreatedAt_whenATriggerCarriesIt_thenGenerationsDecideAsBefore() {
        ledger.completed(0, DispatchMark.sent(trigger(1), null, NOW).done("kbc-job-1", NOW));
        assertThat(ledger.decide(0, triggerOfJobCreatedAt(1, NOW), NOW).verdict()).isEqualTo(Ledger.Verdict.SKIP);
    }
}
