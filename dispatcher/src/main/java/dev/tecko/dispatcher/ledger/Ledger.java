package dev.tecko.dispatcher.ledger;

import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What this instance knows of the dispatcher ledger for the partitions it owns: per job, its latest trigger's mark.
 * Decides, for each incoming trigger, whether it is new, already handled, or possibly sent by an earlier run.
 * Used by one thread only.
 */
public final class Ledger {
    /** What to do with a trigger. */
    public enum Verdict { SEND, RECOVER, SKIP }

    /** The verdict and the mark the delivery works with (for SEND, the new {@code sent} mark to write first). */
    public record Decision(Verdict verdict, DispatchMark mark) {
    }

    private final Map<Integer, Map<String, DispatchMark>> byPartition = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    public void load(int partition, DispatchMark mark) {
        byPartition.computeIfAbsent(partition, p -> new HashMap<>()).put(mark.jobId(), mark);
    }

    public void forget(int partition) {
        Map<String, DispatchMark> marks = byPartition.remove(partition);
        if (marks != null) {
            marks.values().forEach(m -> inFlight.remove(m.triggerId()));
        }
    }

    public Decision decide(int partition, TriggerCommand trigger, Instant now) {
        Map<String, DispatchMark> marks = byPartition.computeIfAbsent(partition, p -> new HashMap<>());
        DispatchMark known = marks.get(trigger.jobId());
        Incarnation incarnation = Incarnation.of(known, trigger);
        if (incarnation == Incarnation.EARLIER) {
            // a trigger of a job this id named before it was deleted (or before a reset), emitted again: long handled
            return new Decision(Verdict.SKIP, known);
        }
        if (incarnation == Incarnation.LATER) {
            // the id names a new job now, which counts its generations from 1 again: its trigger is new, whatever its number
            return send(marks, trigger, known.keboolaJobId(), now);
        }
        if (known != null && (known.generation() > trigger.generation()
                || known.generation() == trigger.generation() && (known.isDone() || inFlight.contains(trigger.triggerId())))) {
            return new Decision(Verdict.SKIP, known);
        }
        inFlight.add(trigger.triggerId());
        if (known != null && known.generation() == trigger.generation()) {
            return new Decision(Verdict.RECOVER, known);
        }
        return send(marks, trigger, known == null ? null : known.keboolaJobId(), now);
    }

    private Decision send(Map<String, DispatchMark> marks, TriggerCommand trigger, String previousKeboolaJobId, Instant now) {
        inFlight.add(trigger.triggerId());
        DispatchMark sent = DispatchMark.sent(trigger, previousKeboolaJobId, now);
        marks.put(trigger.jobId(), sent);
        return new Decision(Verdict.SEND, sent);
    }

    /**
     * Which incarnation of the job id a trigger is for, next to the ledger's mark: a job deleted and created again starts at
     * generation 1, so generations compare only within one incarnation. Told apart by the job's creation time, when both
     * carry it; {@code SAME} otherwise (marks and triggers written before it was added).
     */
    enum Incarnation {
        SAME, EARLIER, LATER;

        static Incarnation of(DispatchMark known, TriggerCommand trigger) {
            if (known == null || known.jobCreatedAt() == null || trigger.jobCreatedAt() == null
                    || known.jobCreatedAt().equals(trigger.jobCreatedAt())) {
                return SAME;
            }
            return trigger.jobCreatedAt().isBefore(known.jobCreatedAt()) ? EARLIER : LATER;
        }
    }

    /** A delivery ended: its result is committed with this {@code done} mark. */
    public void completed(int partition, DispatchMark done) {
        inFlight.remove(done.triggerId());
        load(partition, done);
    }

    /** A delivery was abandoned (partition lost, stopping): the next owner reconciles it from the ledger. */
    public void abandoned(String triggerId) {
        inFlight.remove(triggerId);
    }
}
