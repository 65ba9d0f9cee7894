package dev.tecko.poller.schedule;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.RequestCounts;
import java.time.Instant;

/** What the poller knows of one batch of one job. Guarded by the {@link PollSchedule}'s lock. */
final class TrackedBatch {
    /** What decides whether an observation is news: status, counts, and the poll error's code. */
    record Seen(BatchStatus status, RequestCounts counts, String errorCode) {
        static Seen of(BatchSnapshot s) {
            return new Seen(s.status(), s.requestCounts(), code(s.pollError()));
        }

        static Seen of(BatchObservation o) {
            return new Seen(o.status(), o.requestCounts(), code(o.pollError()));
        }

        private static String code(PollError error) {
            return error == null ? null : error.code();
        }
    }

    final String batchId;
    BatchSnapshot snapshot;
    /** What this poller published last, if anything since it took the job. */
    Seen published;
    Instant providerCreatedAt;
    Instant lastCheckedAt;
    boolean refused;
    /** Since when, and how many times in a row, the provider answered 404 for it. */
    Instant notFoundSince;
    int notFoundChecks;

    TrackedBatch(BatchSnapshot snapshot) {
        this.batchId = snapshot.batchId();
        this.snapshot = snapshot;
        this.refused = snapshot.pollError() != null && "unauthorized".equals(snapshot.pollError().code());
    }

    /** The most recent state known: our own publication if any, else the processor's snapshot. */
    BatchStatus status() {
        return published != null ? published.status() : snapshot.status();
    }

    RequestCounts counts() {
        return published != null ? published.counts() : snapshot.requestCounts();
    }

    boolean terminal() {
        return snapshot.status().isTerminal() || (published != null && published.status().isTerminal());
    }

    boolean isNews(Seen seen) {
        return !seen.equals(Seen.of(snapshot)) && !seen.equals(published);
    }
}
