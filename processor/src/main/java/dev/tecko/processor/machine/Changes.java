package dev.tecko.processor.machine;

import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.TriggerCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects one transition: the job's new header, the batch rows it changes (read through, so a trigger opened in the same
 * transition sees them), its events numbered after the job's last sequence, and its trigger.
 */
final class Changes {
    JobState state;
    final Instant now;
    private final JobBatches batches;
    private final Map<String, BatchRow> written = new LinkedHashMap<>();
    private final List<JobEvent> events = new ArrayList<>();
    TriggerCommand trigger;
    private long sequence;

    Changes(JobState state, Instant now) {
        this(state, JobBatches.NONE, now);
    }

    Changes(JobState state, JobBatches batches, Instant now) {
        this.state = state;
        this.batches = batches;
        this.now = now;
        this.sequence = state == null ? 0 : state.lastSequence();
    }

    void write(BatchRow row) {
        written.put(row.batchId(), row);
    }

    /** Every batch of the job as this transition leaves it, in the job's order: reads them all, so only when needed. */
    List<BatchRow> allBatches() {
        if (written.isEmpty()) {
            return batches.all();
        }
        Map<String, BatchRow> all = new LinkedHashMap<>();
        for (BatchRow row : batches.all()) {
            all.put(row.batchId(), row);
        }
        all.putAll(written);
        var rows = new ArrayList<>(all.values());
        rows.sort(Comparator.comparingInt(BatchRow::position));
        return rows;
    }

    void event(EventType type, Consumer<EventDraft> details) {
        event(state.jobId(), type, details);
    }

    /** Each event names the job's status right after its own step (batch_changed: active; trigger_requested: triggering). */
    void event(String jobId, EventType type, Consumer<EventDraft> details) {
        var draft = new EventDraft(state == null ? null : state.status());
        details.accept(draft);
        // a job that does not exist has no sequence to continue: its rejections carry sequence 0
        long seq = state == null ? 0 : ++sequence;
        events.add(new JobEvent(Check.CURRENT_SCHEMA_VERSION, jobId, seq, type, now, draft.status,
                state == null ? 0 : state.generation(), draft.batchId, draft.batchStatus, draft.previousBatchStatus,
                draft.triggerId, draft.commandId, draft.message, draft.rejectionCode, draft.requestCounts, draft.allRequestsFailed,
                draft.batchIds));
    }

    Transition done(TransitionOutcome outcome, boolean publish) {
        if (state == null) {
            return new Transition(null, List.of(), false, false, events, Optional.empty(), outcome);
        }
        JobState next = state.withLastSequence(sequence);
        if (publish) {
            next = next.published(now);
        }
        return new Transition(next, List.copyOf(written.values()), true, publish, events, Optional.ofNullable(trigger), outcome);
    }

    /** The job is gone: its marker is stored in its place, and its snapshot is replaced by a tombstone. */
    Transition deleted() {
        return new Transition(JobState.retired(state.jobId(), state.generation(), sequence), List.of(), true, true, events,
                Optional.empty(), TransitionOutcome.APPLIED);
    }
}
