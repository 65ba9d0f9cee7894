package dev.tecko.poller.tag;

import dev.tecko.poller.schedule.IntervalPolicy;
import dev.tecko.poller.schedule.Jitter;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tagged jobs this poller owns whose batch list is not sealed (active or paused), when each is searched next, and
 * what was reported for each and not yet seen back in its snapshot. Pure logic on an injected clock; every method is
 * synchronized, so the consumer thread, the workers and the producer's callback can share it.
 *
 * <p>Pace: an open job every {@code pollIntervalSeconds} (scaled as the batch polls are, ±10 %), and once more when
 * {@code sealAt} plus the list-lag margin comes; a sealing job every {@link TagSettings#sealingEvery()}, but not before
 * its seal time plus the margin (no search starting earlier can cover the seal time). A job new to this poller and a
 * failed publication make the job due at once, a seal command at its time plus the margin.
 */
public final class TagSchedule {
    /** Ids per discovery at most, so a record stays small; the rest follow at once in the next one. */
    static final int MAX_IDS_PER_DISCOVERY = 1_000;

    private final Clock clock;
    private final IntervalPolicy intervals;
    private final Jitter jitter;
    private final TagSettings settings;
    private final Map<String, TagJob> jobs = new HashMap<>();
    private long tickets;

    private static final class TagJob {
        JobSnapshot snapshot;
        int partition;
        Instant nextDue;
        boolean running;
        long ticket;
        /** the secret found to be another provider's (no metadata): not searched until the secret changes */
        String skippedSecret;
        /** the last search left ids out (too many for one record): the next one comes at once */
        boolean more;
        /** ids published and not yet in the snapshot (or refused by the processor): not reported again */
        final Set<String> reported = new HashSet<>();
        /** the latest listedUpTo published, until a failure says it was not */
        Instant reportedUpTo;

        BatchSearch search() {
            return snapshot.batchSearch();
        }
    }

    public TagSchedule(Clock clock, IntervalPolicy intervals, Jitter jitter, TagSettings settings) {
        this.clock = clock;
        this.intervals = intervals;
        this.jitter = jitter;
        this.settings = settings;
    }

    /** Whether the snapshot is a tagged job whose list still needs searching. */
    static boolean searchable(JobSnapshot snapshot) {
        return snapshot.batchSearch() != null && !snapshot.batchSearch().sealed()
                && (snapshot.status() == JobStatus.ACTIVE || snapshot.status() == JobStatus.PAUSED);
    }

    /** A new or changed snapshot from {@code job-status}. */
    public synchronized void upsert(JobSnapshot snapshot, int partition) {
        Instant now = clock.instant();
        TagJob job = jobs.get(snapshot.jobId());
        if (!searchable(snapshot)) {
            jobs.remove(snapshot.jobId());
            return;
        }
        if (job == null || !job.snapshot.createdAt().equals(snapshot.createdAt())) {
            // a job new to this poller (or a new incarnation of the id): search at once
            job = new TagJob();
            jobs.put(snapshot.jobId(), job);
            job.nextDue = now;
        } else if (job.search().sealDueAt(now) == null && snapshot.batchSearch().sealDueAt(now) != null) {
            // a seal command: the first search that can cover its time starts one margin after it
            job.nextDue = earliest(job.nextDue, snapshot.batchSearch().sealDueAt(now).plus(settings.listLag()));
        }
        job.snapshot = snapshot;
        job.partition = partition;
        for (BatchSnapshot b : snapshot.batches()) {
            job.reported.remove(b.batchId());
        }
    }

    /** A tombstone: the job was deleted. */
    public synchronized void remove(String jobId) {
        jobs.remove(jobId);
    }

    /** Partitions revoked or lost: their jobs now belong to another poller. */
    public synchronized void dropPartitions(Collection<Integer> partitions) {
        jobs.values().removeIf(job -> partitions.contains(job.partition));
    }

    /** Every job whose search is due and not already running. */
    public synchronized List<TagTurn> takeDue() {
        Instant now = clock.instant();
        List<TagTurn> due = new ArrayList<>();
        for (var entry : jobs.entrySet()) {
            TagJob job = entry.getValue();
            if (job.running || job.nextDue == null || now.isBefore(job.nextDue)
                    || job.snapshot.openaiSecret().equals(job.skippedSecret)) {
                continue;
            }
            job.running = true;
            job.ticket = ++tickets;
            BatchSearch search = job.search();
            due.add(new TagTurn(entry.getKey(), job.ticket, job.snapshot.openaiSecret(), search.tag(), search.since()));
        }
        return due;
    }

    /** The turn is over: the job's next search is set by its pace. */
    public synchronized void done(TagTurn turn) {
        TagJob job = current(turn);
        if (job == null) {
            return;
        }
        job.running = false;
        Instant now = clock.instant();
        job.nextDue = job.more ? now : now.plus(pace(job, now));
        job.more = false;
    }

    /** The turn could not search (its key rate limited): the job is due again at {@code at}, when the key is free. */
    public synchronized void giveBack(TagTurn turn, Instant at) {
        TagJob job = current(turn);
        if (job != null) {
            job.running = false;
            job.more = false;
            job.nextDue = at;
        }
    }

    /** The job's secret is another provider's, whose batches carry no metadata: not searched until the secret changes. */
    public synchronized void skip(TagTurn turn) {
        TagJob job = current(turn);
        if (job != null) {
            job.running = false;
            job.skippedSecret = turn.secret();
        }
    }

    /**
     * What one search found for the job: every tagged batch in its window seen ({@code tagged}), and how far it covered
     * ({@code listedUpTo}, null when it stopped early). The discovery to publish, if any: one naming the batches the job
     * neither holds nor was told of, or, while the job is sealing, one that moves {@code listedUpTo} up to or past the
     * seal time (a search of an open job that found nothing new is not published).
     */
    public synchronized Optional<BatchDiscovery> found(TagTurn turn, Collection<String> tagged, Instant listedUpTo) {
        TagJob job = current(turn);
        if (job == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Set<String> held = new HashSet<>(job.reported);
        job.snapshot.batches().forEach(b -> held.add(b.batchId()));
        List<String> fresh = new ArrayList<>(new LinkedHashSet<>(tagged));
        fresh.removeIf(held::contains);
        if (fresh.size() > MAX_IDS_PER_DISCOVERY) {
            fresh = new ArrayList<>(fresh.subList(0, MAX_IDS_PER_DISCOVERY));
            // this record does not name every batch before listedUpTo, so it must not claim to cover it
            listedUpTo = null;
            job.more = true;
        }
        BatchSearch search = job.search();
        Instant heldUpTo = latest(search.listedUpTo(), job.reportedUpTo);
        Instant sealDue = search.sealDueAt(now);
        boolean moves = listedUpTo != null && (heldUpTo == null || listedUpTo.isAfter(heldUpTo));
        // once a published listedUpTo covers the seal time, more of the same would only repeat it
        boolean sealingNeedsIt = sealDue != null && moves && (heldUpTo == null || heldUpTo.isBefore(sealDue));
        if (fresh.isEmpty() && !sealingNeedsIt) {
            return Optional.empty();
        }
        job.reported.addAll(fresh);
        if (moves) {
            job.reportedUpTo = listedUpTo;
        }
        return Optional.of(new BatchDiscovery(Check.CURRENT_SCHEMA_VERSION, turn.jobId(), job.snapshot.createdAt(), search.tag(), fresh,
                listedUpTo, now));
    }

    /** A discovery was not published: its ids and listedUpTo count as unreported, and the job is searched again at once. */
    public synchronized void publishFailed(BatchDiscovery discovery) {
        TagJob job = jobs.get(discovery.jobId());
        if (job == null || !job.snapshot.createdAt().equals(discovery.jobCreatedAt())) {
            return;
        }
        discovery.batchIds().forEach(job.reported::remove);
        if (Objects.equals(job.reportedUpTo, discovery.listedUpTo())) {
            job.reportedUpTo = null;
        }
        if (job.running) {
            job.more = true;
        } else {
            job.nextDue = clock.instant();
        }
    }

    public synchronized int jobCount() {
        return jobs.size();
    }

    /** When the job is searched next (empty when it is not tracked or a search is running). */
    public synchronized Optional<Instant> nextDue(String jobId) {
        TagJob job = jobs.get(jobId);
        return job == null || job.running ? Optional.empty() : Optional.ofNullable(job.nextDue);
    }

    private Duration pace(TagJob job, Instant now) {
        BatchSearch search = job.search();
        Instant sealDue = search.sealDueAt(now);
        if (sealDue != null) {
            // no search starting before sealDue + margin can cover the seal time; one starting after can
            Duration untilCovering = Duration.between(now, sealDue.plus(settings.listLag()));
            return untilCovering.compareTo(settings.sealingEvery()) > 0 ? untilCovering : settings.sealingEvery();
        }
        Duration interval = jitter.around(intervals.bounds(job.snapshot).base());
        Instant covering = search.sealAt() == null ? null : search.sealAt().plus(settings.listLag());
        if (covering != null && now.plus(interval).isAfter(covering)) {
            return Duration.between(now, covering);
        }
        return interval;
    }

    private TagJob current(TagTurn turn) {
        TagJob job = jobs.get(turn.jobId());
        return job != null && job.ticket == turn.ticket() ? job : null;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
