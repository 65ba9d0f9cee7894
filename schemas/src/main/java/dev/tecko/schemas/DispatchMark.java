package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The dispatcher's own ledger entry for the latest trigger of one job: value of the compacted, dispatcher-internal
 * {@code dispatcher-ledger} topic, key = job id. {@code sent} is committed before the first HTTP call of a trigger,
 * {@code done} in the same transaction as the trigger's result, so after a crash a trigger that is {@code sent} but not
 * {@code done} is known to need a look-up at the target before anything is sent again.
 *
 * @param previousKeboolaJobId the Keboola job of the job's previous generation, excluded when looking for this one's
 * @param jobCreatedAt         the trigger's {@code jobCreatedAt}: which incarnation of the job id the mark is for (optional)
 * @param triggerOffset        the offset of the {@code triggers} record delivered: a record read again after a crash has the
 *                             same one, a copy of the trigger emitted again (a reprocessing) another (optional)
 */
public record DispatchMark(
        int schemaVersion,
        String triggerId,
        String jobId,
        int generation,
        State state,
        Instant sentAt,
        String keboolaJobId,
        String previousKeboolaJobId,
        Instant updatedAt,
        Instant jobCreatedAt,
        Long triggerOffset) {

    public enum State {
        @JsonProperty("sent") SENT,
        @JsonProperty("done") DONE
    }

    public DispatchMark {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.triggerId(triggerId, jobId, generation);
        Check.required(state, "state");
        Check.required(sentAt, "sentAt");
        keboolaJobId = Check.optionalText(keboolaJobId, "keboolaJobId", Check.MAX_NAME);
        previousKeboolaJobId = Check.optionalText(previousKeboolaJobId, "previousKeboolaJobId", Check.MAX_NAME);
        Check.required(updatedAt, "updatedAt");
    }

    /** A mark as written before {@code jobCreatedAt} and {@code triggerOffset} were added. */
    public DispatchMark(int schemaVersion, String triggerId, String jobId, int generation, State state, Instant sentAt,
                        String keboolaJobId, String previousKeboolaJobId, Instant updatedAt) {
        this(schemaVersion, triggerId, jobId, generation, state, sentAt, keboolaJobId, previousKeboolaJobId, updatedAt, null, null);
    }

    public static DispatchMark sent(TriggerCommand trigger, String previousKeboolaJobId, Instant now) {
        return sent(trigger, previousKeboolaJobId, now, null);
    }

    public static DispatchMark sent(TriggerCommand trigger, String previousKeboolaJobId, Instant now, Long triggerOffset) {
        return new DispatchMark(Check.CURRENT_SCHEMA_VERSION, trigger.triggerId(), trigger.jobId(), trigger.generation(),
                State.SENT, now, null, previousKeboolaJobId, now, trigger.jobCreatedAt(), triggerOffset);
    }

    /** @param triggerOffset the offset of the record delivered (a copy of the trigger may have been delivered, not the first) */
    public DispatchMark done(String keboolaJobId, Instant now, Long triggerOffset) {
        return new DispatchMark(schemaVersion, triggerId, jobId, generation, State.DONE, sentAt, keboolaJobId,
                previousKeboolaJobId, now, jobCreatedAt, triggerOffset);
    }

    public DispatchMark done(String keboolaJobId, Instant now) {
        return done(keboolaJobId, now, triggerOffset);
    }

    public boolean isDone() {
        return state == State.DONE;
    }
}
