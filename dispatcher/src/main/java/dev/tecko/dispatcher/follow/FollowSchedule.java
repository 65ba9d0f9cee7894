package dev.tecko.dispatcher.follow;

import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Keboola jobs this dispatcher follows, and when each is next checked. Built from the compacted {@code job-status}
 * topic (the partitions this instance is assigned): a job is followed while its current trigger was delivered to Keboola
 * and its downstream part is not finished, so after a crash or a rebalance whoever reads the partition follows it on. A
 * job is checked {@code minInterval} after it was delivered or changed, then ever more rarely (doubling, up to
 * {@code maxInterval}): a Keboola job can wait in a queue for hours. Pure apart from the clock; one thread.
 */
public final class FollowSchedule {
    private final Clock clock;
    private final Duration minInterval;
    private final Duration maxInterval;
    private final Map<String, Entry> jobs = new HashMap<>();

    private static final class Entry {
        FollowedJob job;
        final int partition;
        Instant nextCheck;
        Duration interval;
        boolean checking;

        Entry(FollowedJob job, int partition, Instant nextCheck, Duration interval) {
            this.job = job;
            this.partition = partition;
            this.nextCheck = nextCheck;
            this.interval = interval;
        }
    }

    public FollowSchedule(Clock clock, Duration minInterval, Duration maxInterval) {
        this.clock = clock;
        this.minInterval = minInterval;
        this.maxInterval = maxInterval.compareTo(minInterval) < 0 ? minInterval : maxInterval;
    }

    /** The job's snapshot as {@code job-status} has it now: followed, still followed, or no longer. */
    public void upsert(JobSnapshot snapshot, int partition) {
        Optional<FollowedJob> followed = toFollow(snapshot);
        if (followed.isEmpty()) {
            jobs.remove(snapshot.jobId());
            return;
        }
        FollowedJob job = followed.get();
        Entry entry = jobs.get(job.jobId());
        if (entry == null || !entry.job.triggerId().equals(job.triggerId()) || !entry.job.keboolaJobId().equals(job.keboolaJobId())) {
            jobs.put(job.jobId(), new Entry(job, partition, clock.instant().plus(minInterval), minInterval));
        } else if (job.known() != null && entry.job.isNews(job.known())) {
            entry.job = entry.job.knowing(job.known());
        }
    }

    /** A delivered Keboola trigger whose downstream job has not finished, or empty. */
    static Optional<FollowedJob> toFollow(JobSnapshot s) {
        TriggerSummary trigger = s.lastTrigger();
        if (s.target().type() != TargetType.KEBOOLA || trigger == null || trigger.outcome() != TriggerOutcome.OK
                || trigger.keboolaJobId() == null || trigger.generation() != s.generation()
                || s.downstream() != null && s.downstream().status().isFinished()) {
            return Optional.empty();
        }
        DownstreamStatus known = s.downstream() == null || !s.downstream().keboolaJobId().equals(trigger.keboolaJobId())
                ? null : s.downstream().status();
        return Optional.of(new FollowedJob(s.jobId(), trigger.triggerId(), trigger.generation(), trigger.keboolaJobId(), s.target(),
                known));
    }

    public void remove(String jobId) {
        jobs.remove(jobId);
    }

    public void dropPartitions(Collection<Integer> partitions) {
        jobs.values().removeIf(entry -> partitions.contains(entry.partition));
    }

    /** The jobs due for a check now, at most {@code limit}, marked as being checked until {@link #checked}. */
    public List<FollowedJob> due(int limit) {
        Instant now = clock.instant();
        List<FollowedJob> due = new ArrayList<>();
        for (Entry entry : jobs.values()) {
            if (due.size() == limit) {
                break;
            }
            if (!entry.checking && !entry.nextCheck.isAfter(now)) {
                entry.checking = true;
                due.add(entry.job);
            }
        }
        return due;
    }

    /**
     * A check of {@code job} ended: {@code reported} is the status now known to be published (null when nothing new was),
     * {@code finished} whether the Keboola job is done. A change brings the next check back to the shortest interval; no
     * change doubles it.
     */
    public void checked(FollowedJob job, DownstreamStatus reported, boolean finished) {
        Entry entry = jobs.get(job.jobId());
        if (entry == null || !entry.job.triggerId().equals(job.triggerId())) {
            return;
        }
        entry.checking = false;
        if (finished && reported != null) {
            // its end is published; the snapshot that says so will remove it, and until then it need not be checked again
            entry.job = entry.job.knowing(reported);
            entry.nextCheck = clock.instant().plus(maxInterval);
            return;
        }
        if (reported != null && entry.job.isNews(reported)) {
            entry.job = entry.job.knowing(reported);
            entry.interval = minInterval;
        } else {
            Duration doubled = entry.interval.multipliedBy(2);
            entry.interval = doubled.compareTo(maxInterval) > 0 ? maxInterval : doubled;
        }
        entry.nextCheck = clock.instant().plus(entry.interval);
    }

    public int size() {
        return jobs.size();
    }
}
