package dev.tecko.dispatcher.follow;

import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.TriggerTarget;

/**
 * A Keboola job to follow: the tecko job and trigger it belongs to, the Keboola job's id, the target it runs on (whose
 * stack and secret the check uses), and the furthest status known, from the job's snapshot or our own report.
 */
public record FollowedJob(String jobId, String triggerId, int generation, String keboolaJobId, TriggerTarget target,
                          DownstreamStatus known) {

    /** A report of {@code status} would tell something new: it is further along than what is known. */
    public boolean isNews(DownstreamStatus status) {
        return known == null || status.rank() > known.rank();
    }

    FollowedJob knowing(DownstreamStatus status) {
        return new FollowedJob(jobId, triggerId, generation, keboolaJobId, target, status);
    }
}
