package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.dispatcher.ledger.Ledger;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a session does with each trigger, from the ledger alone: every case without Kafka or HTTP. */
class DeliveryPlanTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Ledger ledger = new Ledger();

    @Test
    void givenANewTrigger_thenItIsSentInTheLaneOfItsHost_andACopyReadWhileItIsInFlightWaitsForItsAnswer() {
        TriggerCommand trigger = trigger("https://connection.EU-central-1.keboola.com", 1, null);

        DeliveryPlan first = DeliveryPlan.decide(ledger, 0, 10, trigger, NOW);
        DeliveryPlan copy = DeliveryPlan.decide(ledger, 0, 11, trigger, NOW);

        assertThat(first.action()).isEqualTo(DeliveryPlan.Action.SEND);
        assertThat(first.lane()).isEqualTo("connection.eu-central-1.keboola.com");
        assertThat(copy.action()).as("the delivery in flight answers it").isEqualTo(DeliveryPlan.Action.SKIP);
    }

    @Test
    void givenADoneTriggerReadAgainAtItsOwnOffset_thenItIsSkippedSilently_butACopyAtAnotherOffsetIsAnswered() {
        TriggerCommand trigger = trigger("https://connection.keboola.com", 1, null);
        ledger.completed(0, DispatchMark.sent(trigger, null, NOW, 10L).done("kbc-1", NOW, 10L));

        assertThat(DeliveryPlan.decide(ledger, 0, 10, trigger, NOW).action()).as("re-read after a crash").isEqualTo(DeliveryPlan.Action.SKIP);
        assertThat(DeliveryPlan.decide(ledger, 0, 42, trigger, NOW).action()).as("emitted again by a reprocessing")
                .isEqualTo(DeliveryPlan.Action.ANSWER_SKIPPED);
    }

    @Test
    void givenAnOlderGenerationOfAJobWhoseNewerOneWasHandled_thenItIsAnsweredSkipped() {
        ledger.completed(0, DispatchMark.sent(trigger("https://connection.keboola.com", 2, null), null, NOW, 20L).done("kbc-2", NOW, 20L));

        DeliveryPlan plan = DeliveryPlan.decide(ledger, 0, 5, trigger("https://connection.keboola.com", 1, null), NOW);

        assertThat(plan.action()).isEqualTo(DeliveryPlan.Action.ANSWER_SKIPPED);
        assertThat(plan.mark().generation()).isEqualTo(2);
    }

    @Test
    void givenATriggerMarkedSentByAnEarlierRunWithoutAResult_thenItIsRecovered() {
        TriggerCommand trigger = trigger("https://connection.keboola.com", 1, null);
        ledger.load(0, DispatchMark.sent(trigger, null, NOW, 10L));

        DeliveryPlan plan = DeliveryPlan.decide(ledger, 0, 10, trigger, NOW);

        assertThat(plan.action()).isEqualTo(DeliveryPlan.Action.RECOVER);
        assertThat(plan.mark().sentAt()).isEqualTo(NOW);
    }

    @Test
    void givenTheSameTriggerIdOfAJobCreatedAgain_whenTheOldOneIsDone_thenTheNewOneIsSent() {
        Instant firstJob = NOW.minusSeconds(3600);
        ledger.completed(0, DispatchMark.sent(trigger("https://connection.keboola.com", 1, firstJob), null, NOW, 10L)
                .done("kbc-1", NOW, 10L));

        assertThat(DeliveryPlan.decide(ledger, 0, 30, trigger("https://connection.keboola.com", 1, NOW), NOW).action())
                .isEqualTo(DeliveryPlan.Action.SEND);
    }

    @Test
    void givenTargetsOnOnePortOfAHostOrAnother_thenEachHostAndPortIsALane() {
        assertThat(DeliveryPlan.laneOf(trigger("https://127.0.0.1:8443/x", 1, null))).isEqualTo("127.0.0.1:8443");
        assertThat(DeliveryPlan.laneOf(trigger("https://127.0.0.1:9443", 1, null))).isEqualTo("127.0.0.1:9443");
    }

    private static TriggerCommand trigger(String stackUrl, int generation, Instant jobCreatedAt) {
        var target = TriggerTarget.keboola(stackUrl, "c", "1", "kbc");
        var batches = List.of(new BatchOutcome("b", BatchStatus.COMPLETED, null, null, null));
        return TriggerCommand.of("job-1", "job", generation, target, batches, NOW, jobCreatedAt);
    }
}
