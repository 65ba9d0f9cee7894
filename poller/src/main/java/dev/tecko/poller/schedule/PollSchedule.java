package dev.tecko.poller.schedule;

import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.PollError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The poller's work list: the jobs of the partitions it owns, when each is due, and what it last saw and published of
 * each batch. Pure logic on an injected clock; every method is synchronized, so the consumer thread and the workers
 * can share it. Only {@link JobStatus#ACTIVE} jobs are polled, and only their non-terminal batches.
 *
 * <p>A job's turn covers all its batches at once (so one list page can serve them together); a batch seen within the
 * last half interval by another path (a list page for another job, a webhook) needs no request of its own.
 */
public final class PollSchedule {
    private final Clock clock;
    private final IntervalPolicy intervals;
    private final Jitter jitter;
    private final NotFoundPolicy notFoundPolicy;
    private final Map<String, TrackedJob> jobs = new HashMap<>();
    private final Map<String, Set<String>> jobsByBatch = new HashMap<>();
    private long tickets;

    private static final class TrackedJob {
        JobSnapshot snapshot;
        int partition;
        Instant nextDue;
        Instant notBefore = Instant.MIN;
        long ticket;
        int outstanding;
        /** the snapshot gained batches (a tagged job's discoveries) since the last turn began: they are checked at once */
        boolean gained;
        final Map<String, TrackedBatch> batches = new LinkedHashMap<>();

        boolean active() {
            return snapshot.status() == JobStatus.ACTIVE;
        }
    }

    public PollSchedule(Clock clock, IntervalPolicy intervals, Jitter jitter) {
        this(clock, intervals, jitter, NotFoundPolicy.DEFAULT);
    }

    public PollSchedule(Clock clock, IntervalPolicy intervals, Jitter jitter, NotFoundPolicy notFoundPolicy) {
        this.clock = clock;
        this.intervals = intervals;
        this.jitter = jitter;
        this.notFoundPolicy = notFoundPolicy;
    }

    /** A new or changed snapshot from {@code job-status}. */
    public synchronized void upsert(JobSnapshot snapshot, int partition) {
        Instant now = clock.instant();
        TrackedJob job = jobs.get(snapshot.jobId());
        boolean wasActive = job != null && job.active();
        boolean known = job != null;
        if (job == null) {
            job = new TrackedJob();
            jobs.put(snapshot.jobId(), job);
        }
        job.snapshot = snapshot;
        job.partition = partition;
        Set<String> current = new HashSet<>();
        for (BatchSnapshot b : snapshot.batches()) {
            current.add(b.batchId());
            TrackedBatch tracked = job.batches.get(b.batchId());
            if (tracked == null) {
                job.gained |= known;
                job.batches.put(b.batchId(), new TrackedBatch(b));
                jobsByBatch.computeIfAbsent(b.batchId(), k -> new HashSet<>()).add(snapshot.jobId());
            } else {
                tracked.snapshot = b;
            }
        }
        for (var it = job.batches.keySet().iterator(); it.hasNext(); ) {
            String batchId = it.next();
            if (!current.contains(batchId)) {
                it.remove();
                unindex(batchId, snapshot.jobId());
            }
        }
        if (job.active() && !wasActive) {
            job.nextDue = now.plus(jitter.initial(interval(job)));
        } else if (job.active() && job.gained && job.outstanding == 0 && job.nextDue != null && now.isBefore(job.nextDue)) {
            // batches added to a job already watched would otherwise wait for its next turn, a whole interval away
            job.nextDue = now;
        }
    }

    /** A tombstone: the job was deleted. */
    public synchronized void remove(String jobId) {
        TrackedJob job = jobs.remove(jobId);
        if (job != null) {
            job.batches.keySet().forEach(batchId -> unindex(batchId, jobId));
        }
    }

    /** Partitions revoked or lost in a rebalance: their jobs now belong to another poller. */
    public synchronized void dropPartitions(Collection<Integer> partitions) {
        List<String> gone = jobs.entrySet().stream().filter(e -> partitions.contains(e.getValue().partition))
                .map(Map.Entry::getKey).toList();
        gone.forEach(this::remove);
    }

    private void unindex(String batchId, String jobId) {
        Set<String> holders = jobsByBatch.get(batchId);
        if (holders != null) {
            holders.remove(jobId);
            if (holders.isEmpty()) {
                jobsByBatch.remove(batchId);
            }
        }
    }

    /**
     * Every job whose turn has come and that is not already being checked, with the batches that need a request.
     * A due job whose batches were all seen recently gets its next turn right away and is not returned.
     */
    public synchronized List<DueJob> takeDue() {
        Instant now = clock.instant();
        List<DueJob> due = new ArrayList<>();
        for (var entry : jobs.entrySet()) {
            TrackedJob job = entry.getValue();
            if (!job.active() || job.outstanding > 0 || job.nextDue == null || now.isBefore(job.nextDue)
                    || now.isBefore(job.notBefore)) {
                continue;
            }
            Duration interval = interval(job);
            List<DueJob.DueBatch> stale = new ArrayList<>();
            for (TrackedBatch b : job.batches.values()) {
                if (!b.terminal() && (b.lastCheckedAt == null || !now.isBefore(b.lastCheckedAt.plus(interval.dividedBy(2))))) {
                    stale.add(new DueJob.DueBatch(b.batchId, b.providerCreatedAt));
                }
            }
            if (stale.isEmpty()) {
                job.nextDue = now.plus(jitter.around(interval));
                continue;
            }
            job.ticket = ++tickets;
            job.outstanding = stale.size();
            job.gained = false;
            due.add(new DueJob(entry.getKey(), job.snapshot.openaiSecret(), job.ticket, stale));
        }
        return due;
    }

    /** A turn that could not be worked now (key rate limited or busy): the job is due again at {@code at}. */
    public synchronized void giveBack(DueJob due, Instant at) {
        TrackedJob job = current(due);
        if (job != null) {
            job.outstanding = 0;
            job.nextDue = at;
        }
    }

    /**
     * One batch of a turn is done. When the last one is, the job's next turn is set from its batches' intervals, and
     * never before {@code notBefore} (a rate limit's reset time; null for none).
     */
    public synchronized void checked(DueJob due, Instant notBefore) {
        TrackedJob job = current(due);
        if (job == null || job.outstanding == 0) {
            return;
        }
        if (notBefore != null && notBefore.isAfter(job.notBefore)) {
            job.notBefore = notBefore;
        }
        if (--job.outstanding == 0) {
            // batches gained during this turn were not in it: the next turn comes at once
            Instant next = job.gained ? clock.instant() : clock.instant().plus(jitter.around(interval(job)));
            job.nextDue = next.isBefore(job.notBefore) ? job.notBefore : next;
        }
    }

    private TrackedJob current(DueJob due) {
        TrackedJob job = jobs.get(due.jobId());
        return job != null && job.ticket == due.ticket() ? job : null;
    }

    /** The batch as the provider returned it; the observation to publish if it is news, empty if not. */
    public synchronized Optional<BatchObservation> observed(String jobId, ProviderBatch batch, ObservationSource source) {
        TrackedBatch tracked = watched(jobId, batch.id());
        if (tracked == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        tracked.lastCheckedAt = now;
        tracked.refused = false;
        tracked.notFoundSince = null;
        tracked.notFoundChecks = 0;
        if (batch.createdAt() != null) {
            tracked.providerCreatedAt = batch.createdAt();
        }
        return publishIfNews(tracked, batch.toObservation(jobId, now, source));
    }

    /**
     * The batch could not be read. Reported as a {@code poll_error} observation carrying the last known status (once per
     * distinct error); {@code refused} (401/403, missing key) slows the batch to the job's longest interval.
     */
    public synchronized Optional<BatchObservation> failed(String jobId, String batchId, PollError error, boolean refused) {
        TrackedBatch tracked = watched(jobId, batchId);
        if (tracked == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        tracked.lastCheckedAt = now;
        tracked.refused = refused;
        var observation = new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId, batchId, tracked.status(), tracked.counts(),
                null, null, List.of(), null, Map.of(), now, ObservationSource.POLL, error);
        return publishIfNews(tracked, observation);
    }

    /**
     * The provider does not know the batch. Until the {@link NotFoundPolicy} is met (so many answers over so long) it is
     * a {@code poll_error} with code {@code not_found}; then the batch is reported {@code failed} with error code
     * {@code not_found}.
     */
    public synchronized Optional<BatchObservation> notFound(String jobId, String batchId, String message) {
        TrackedBatch tracked = watched(jobId, batchId);
        if (tracked == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (tracked.notFoundSince == null) {
            tracked.notFoundSince = now;
        }
        tracked.notFoundChecks++;
        if (tracked.notFoundChecks < notFoundPolicy.checks() || now.isBefore(tracked.notFoundSince.plus(notFoundPolicy.window()))) {
            return failed(jobId, batchId, new PollError("not_found", message + " (answer " + tracked.notFoundChecks + " of at least "
                    + notFoundPolicy.checks() + " over " + notFoundPolicy.window().toMinutes() + " min before it counts as failed)", 404), false);
        }
        tracked.lastCheckedAt = now;
        var observation = new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId, batchId, BatchStatus.FAILED, tracked.counts(),
                null, null, List.of(new BatchError("not_found", message, null, null)), null, Map.of(), now, ObservationSource.POLL,
                null);
        return publishIfNews(tracked, observation);
    }

    /**
     * Publishing failed: forget it, so the next turn checks the batch and publishes again. A terminal publication is
     * forgotten too: until the processor's snapshot says the batch is terminal, our own unsent publication must not
     * make the batch look finished, or its end would never reach {@code batch-status}.
     */
    public synchronized void publishFailed(BatchObservation observation) {
        TrackedJob job = jobs.get(observation.jobId());
        TrackedBatch tracked = job == null ? null : job.batches.get(observation.batchId());
        if (tracked != null && TrackedBatch.Seen.of(observation).equals(tracked.published)) {
            tracked.published = null;
        }
    }

    private Optional<BatchObservation> publishIfNews(TrackedBatch tracked, BatchObservation observation) {
        TrackedBatch.Seen seen = TrackedBatch.Seen.of(observation);
        if (!tracked.isNews(seen)) {
            return Optional.empty();
        }
        tracked.published = seen;
        return Optional.of(observation);
    }

    /** The batch of an active job that still needs watching, or null. */
    private TrackedBatch watched(String jobId, String batchId) {
        TrackedJob job = jobs.get(jobId);
        if (job == null || !job.active()) {
            return null;
        }
        TrackedBatch tracked = job.batches.get(batchId);
        return tracked == null || tracked.terminal() ? null : tracked;
    }

    /** Active jobs of {@code secret} for which {@code batchId} is still open: who cares about a batch a list page shows. */
    public synchronized List<String> jobsWatching(String batchId, String secret) {
        Set<String> holders = jobsByBatch.get(batchId);
        if (holders == null) {
            return List.of();
        }
        List<String> watching = new ArrayList<>();
        for (String jobId : holders) {
            TrackedJob job = jobs.get(jobId);
            if ((secret == null || job.snapshot.openaiSecret().equals(secret)) && watched(jobId, batchId) != null) {
                watching.add(jobId);
            }
        }
        return watching;
    }

    /** The secret each job watching {@code batchId} uses, by job id: what a webhook for that batch needs. */
    public synchronized Map<String, String> secretsWatching(String batchId) {
        Map<String, String> bySecret = new LinkedHashMap<>();
        for (String jobId : jobsWatching(batchId, null)) {
            bySecret.put(jobId, jobs.get(jobId).snapshot.openaiSecret());
        }
        return bySecret;
    }

    public synchronized int jobCount() {
        return jobs.size();
    }

    public synchronized Optional<Instant> nextDue(String jobId) {
        TrackedJob job = jobs.get(jobId);
        return job == null || !job.active() ? Optional.empty() : Optional.ofNullable(job.nextDue);
    }

    /** The job's interval now: the shortest its open batches want. */
    public synchronized Optional<Duration> interval(String jobId) {
        TrackedJob job = jobs.get(jobId);
        return job == null ? Optional.empty() : Optional.of(interval(job));
    }

    private Duration interval(TrackedJob job) {
        IntervalPolicy.Bounds bounds = intervals.bounds(job.snapshot);
        Duration shortest = null;
        for (TrackedBatch b : job.batches.values()) {
            if (b.terminal()) {
                continue;
            }
            Duration d = intervals.forBatch(bounds, b.status(), b.counts(), b.refused);
            if (shortest == null || d.compareTo(shortest) < 0) {
                shortest = d;
            }
        }
        return shortest == null ? bounds.base() : shortest;
    }
}
