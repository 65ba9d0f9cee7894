package dev.tecko.processor.machine;

import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.SealReason;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A tagged job's batch list: found by the job's {@code batchTag} at the provider ({@code batch-discovery}), open until
 * sealed, and only then final, so the job cannot trigger (nor fail by its policy) before. The list seals when a search
 * of the provider's list covered every batch created before the seal was due (the {@code seal} command or {@code sealAt}:
 * the poller's {@code listedUpTo}), so a seal never misses a batch created before it; or at once when the job holds
 * {@code expectedBatches}; or when the job's deadline passes. Discoveries are harmless to repeat, reorder or deliver late:
 * held ids are skipped, {@code listedUpTo} only moves forward, a search for another incarnation of the job id or another
 * tag is stale, and a sealed list is never reopened (what is found later is refused, with an event naming it).
 */
final class BatchSearchRules {
    /**
     * At most this many ids in one {@code batches_added} / {@code batches_refused} event: 1,000 ids of the contract's
     * longest (255 characters) keep an event far below the 1 MiB of {@code job-events}; more make several events.
     */
    static final int IDS_PER_EVENT = JobEvent.MAX_BATCH_IDS;

    private BatchSearchRules() {
    }

    /** Why a create may not name a batch tag: its secret is known to be the key of a provider whose batches carry no metadata. */
    static Optional<String> refuseTag(JobSpec spec, SecretTypes secrets) {
        if (spec.batchTag() == null) {
            return Optional.empty();
        }
        return secrets.typeOf(spec.openaiSecret()).flatMap(Provider::of).flatMap(Provider::refuseBatchTag);
    }

    /**
     * The {@code seal} command: only for a tagged job, while it is watched and its list still open. The list seals when a
     * search covered the provider's list up to now ({@link #sealIfDue}), which may already be so.
     */
    static Transition seal(JobState current, JobBatches batches, JobCommand command, Instant now) {
        BatchSearch search = current.batchSearch();
        if (search == null) {
            return JobMachine.reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID, "cannot seal job "
                    + current.jobId() + ": it has no batchTag; its batch ids were all named at creation", now);
        }
        if (!current.status().isWatching()) {
            return JobMachine.rejectInStatus(current, command, now);
        }
        if (search.sealRequestedAt() != null || search.sealed()) {
            return JobMachine.reject(current, current.jobId(), command.commandId(), RejectionCode.INVALID_STATE,
                    "cannot seal a job whose batch list is already " + search.state().name().toLowerCase(Locale.ROOT), now);
        }
        var changes = new Changes(current.withBatchSearch(search.withSealRequestedAt(now)), batches, now);
        changes.event(EventType.SEAL_REQUESTED, b -> b.commandId(command.commandId()).message(command.reason()));
        sealIfDue(changes);
        JobMachine.evaluate(changes);
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    /**
     * What one search found ({@link BatchDiscovery}): the ids the job does not hold are added while its list is open (up to
     * the deployment's limit per job, the rest refused), refused once it is sealed; then the list may seal, and the job may
     * trigger as after any change of its batches.
     */
    static Transition onDiscovery(JobState current, JobBatches batches, BatchDiscovery found, Instant now, int maxBatchesPerJob) {
        if (current == null) {
            return Transition.nothing(null, TransitionOutcome.UNKNOWN_JOB);
        }
        BatchSearch search = current.batchSearch();
        if (search == null || !found.jobCreatedAt().equals(current.createdAt()) || !found.tag().equals(search.tag())) {
            // a search for an earlier job of this id, or written before the job existed as it is now: not this job's
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        if (current.status().isFinished()) {
            return Transition.nothing(current, TransitionOutcome.IGNORED);
        }
        List<String> unheld = found.batchIds().stream().filter(id -> batches.get(id) == null).toList();
        if (search.sealed()) {
            if (unheld.isEmpty()) {
                return Transition.nothing(current, TransitionOutcome.STALE);
            }
            var changes = new Changes(current, now);
            events(changes, EventType.BATCHES_REFUSED, unheld, "the batch list was sealed at " + search.sealedAt()
                    + "; batches found later are not added");
            return changes.done(TransitionOutcome.REFUSED, false);
        }
        Instant listed = later(search.listedUpTo(), found.listedUpTo());
        int room = Math.max(0, maxBatchesPerJob - current.counts().total());
        List<String> added = unheld.subList(0, Math.min(room, unheld.size()));
        List<String> refused = unheld.subList(added.size(), unheld.size());
        boolean grows = !added.isEmpty() || !Objects.equals(listed, search.listedUpTo());
        BatchCounts c = current.counts();
        var grown = current.withBatchTotals(new BatchCounts(c.total() + added.size(), c.completed(), c.failed(), c.open() + added.size()),
                current.errorsKept(), current.allFailedBatches()).withBatchSearch(search.withListedUpTo(listed));
        var changes = new Changes(grown, batches, now);
        for (int i = 0; i < added.size(); i++) {
            // after the rows the job holds: rows are never removed but all at once, so their count is the next place
            changes.write(new BatchRow(c.total() + i, BatchSnapshot.pending(added.get(i))));
        }
        events(changes, EventType.BATCHES_ADDED, added, "found by the tag " + search.tag());
        events(changes, EventType.BATCHES_REFUSED, refused, "the job reached the limit of " + maxBatchesPerJob
                + " batches per job (TECKO_MAX_BATCHES_PER_JOB); batches found beyond it are not added");
        // even a search that found nothing new may seal: sealAt may have come since the list was searched past it
        sealIfDue(changes);
        boolean changed = grows || changes.state.batchSearch().sealed();
        if (!changed && refused.isEmpty()) {
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        JobMachine.evaluate(changes);
        return changes.done(changed ? TransitionOutcome.APPLIED : TransitionOutcome.REFUSED, changed);
    }

    /**
     * Seals the list when it is due: the job holds {@code expectedBatches}, or a search covered every batch created before
     * the seal command or {@code sealAt} (the earlier, {@link BatchSearch#sealDueAt}).
     */
    static void sealIfDue(Changes changes) {
        BatchSearch search = changes.state.batchSearch();
        if (search == null || search.sealed()) {
            return;
        }
        if (search.expectedBatches() != null && changes.state.counts().total() >= search.expectedBatches()) {
            seal(changes, SealReason.EXPECTED_BATCHES);
            return;
        }
        Instant due = search.sealDueAt(changes.now);
        if (due != null && search.listedUpTo() != null && !search.listedUpTo().isBefore(due)) {
            seal(changes, due.equals(search.sealRequestedAt()) ? SealReason.COMMAND : SealReason.SEAL_AT);
        }
    }

    /** The list is final from now: what the job holds is what it triggers with. */
    static void seal(Changes changes, SealReason by) {
        JobState job = changes.state;
        BatchSearch search = job.batchSearch();
        changes.state = job.withBatchSearch(search.sealed(changes.now, by));
        String why = switch (by) {
            case COMMAND -> "the seal command of " + search.sealRequestedAt() + ", the provider's list searched up to " + search.listedUpTo();
            case SEAL_AT -> "sealAt " + search.sealAt() + ", the provider's list searched up to " + search.listedUpTo();
            case EXPECTED_BATCHES -> "expectedBatches " + search.expectedBatches() + " reached";
            case DEADLINE -> "the deadline " + job.deadline() + " passed";
        };
        int n = job.counts().total();
        changes.event(EventType.SEALED, b -> b.message("batch list sealed by " + why + ": " + n + " batch(es)"));
    }

    /** Why a sealed job holding no batch fails: it never triggers with none. */
    static String noBatch(JobState job) {
        return "sealed with no batch: none carries the tag " + job.batchSearch().tag() + " since " + job.batchSearch().since();
    }

    private static void events(Changes changes, EventType type, List<String> ids, String message) {
        for (int from = 0; from < ids.size(); from += IDS_PER_EVENT) {
            List<String> part = List.copyOf(ids.subList(from, Math.min(ids.size(), from + IDS_PER_EVENT)));
            changes.event(type, b -> b.batchIds(part).message(message));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }
}
