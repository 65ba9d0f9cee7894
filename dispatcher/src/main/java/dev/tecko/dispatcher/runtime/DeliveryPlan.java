package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.ledger.Ledger;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerCommand;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a session does with one readable trigger, decided from the ledger alone: no Kafka, no HTTP, so every case is a
 * plain unit test ({@code DeliveryPlanTest}). {@link TriggerPlanner} carries the plan out.
 *
 * @param mark the ledger's mark the plan rests on: the known one for a skip or a recovery, the planned one for a send
 * @param lane the lane the delivery runs in: the target's host, so that one slow host holds up only its own triggers
 */
record DeliveryPlan(Action action, DispatchMark mark, String lane) {
    enum Action {
        /** Handled already, and its answer is on {@code trigger-results} or will be (its delivery is in flight here). */
        SKIP,
        /** Handled already, and nothing else answers this copy: answer it {@code skipped}, so no job waits for good. */
        ANSWER_SKIPPED,
        /** New: write its {@code sent} mark, then deliver. */
        SEND,
        /** Marked {@code sent} by an earlier run without a result: look for what it created before sending again. */
        RECOVER
    }

    /** Decides on the trigger read at {@code offset} of {@code partition}; a send is recorded in the ledger at once. */
    static DeliveryPlan decide(Ledger ledger, int partition, long offset, TriggerCommand trigger, Instant now) {
        Ledger.Decision decision = ledger.decide(partition, trigger, now);
        String lane = laneOf(trigger);
        return switch (decision.verdict()) {
            case SKIP -> new DeliveryPlan(answered(decision.mark(), trigger, offset) ? Action.SKIP : Action.ANSWER_SKIPPED,
                    decision.mark(), lane);
            case SEND -> new DeliveryPlan(Action.SEND, decision.mark(), lane);
            case RECOVER -> new DeliveryPlan(Action.RECOVER, decision.mark(), lane);
        };
    }

    /**
     * Whether this very trigger already has its answer: a copy of a trigger still being delivered here gets that
     * delivery's result, and one whose result was committed with its done mark has it already (re-read after a crash,
     * past the committed offset). Any other copy (emitted again by a reprocessing, or of another incarnation) has none.
     */
    static boolean answered(DispatchMark known, TriggerCommand trigger, long offset) {
        return known.triggerId().equals(trigger.triggerId()) && known.generation() == trigger.generation()
                && Objects.equals(known.jobCreatedAt(), trigger.jobCreatedAt())
                && (!known.isDone() || known.triggerOffset() != null && known.triggerOffset() == offset);
    }

    /** Triggers for one target host share a lane; a URL that does not parse gets a lane of its own (it is refused). */
    static String laneOf(TriggerCommand trigger) {
        String url = trigger.target().type() == TargetType.KEBOOLA ? trigger.target().stackUrl() : trigger.target().url();
        try {
            String authority = URI.create(url).getAuthority();
            return authority == null ? "?" : authority.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
