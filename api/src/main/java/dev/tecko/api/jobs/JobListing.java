package dev.tecko.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.FieldError;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/jobs}: filter by status and text, newest first (ties by job id), pages of {@code limit} after an opaque
 * cursor. The cursor is the position of the last job shown, so pages stay stable while jobs are added.
 */
public final class JobListing {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final Comparator<JobSnapshot> NEWEST_FIRST = Comparator.comparing(JobSnapshot::createdAt).reversed()
            .thenComparing(JobSnapshot::jobId);

    private JobListing() {
    }

    /** What a client asked for. */
    public record Query(Set<JobStatus> statuses, String text, int limit, Position after) {
    }

    /** Where a page ended: the last job's creation time and id. */
    public record Position(Instant createdAt, String jobId) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("v1|" + createdAt + "|" + jobId).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals("v1") || parts[2].isEmpty()) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Position(Instant.parse(parts[1]), parts[2]);
        }

        boolean isBefore(JobSnapshot job) {
            int byTime = job.createdAt().compareTo(createdAt);
            return byTime < 0 || (byTime == 0 && job.jobId().compareTo(jobId) > 0);
        }
    }

    /** {@code jobs} is written even when empty (the project's mapper leaves empty lists out). */
    public record Page(@JsonInclude(JsonInclude.Include.ALWAYS) List<JobSummary> jobs, int total, String nextCursor) {
    }

    public static Query query(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                JobStatus parsed = parseStatus(s.trim());
                if (parsed == null) {
                    errors.add(new FieldError("status", "'" + s.trim() + "' is not a status; use " + statusNames()));
                } else {
                    statuses.add(parsed);
                }
            }
        }
        int limit = DEFAULT_LIMIT;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        Position after = null;
        String cursor = ctx.queryParam("cursor");
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = Position.decode(cursor);
            } catch (RuntimeException e) {
                errors.add(new FieldError("cursor", "is not a cursor this API returned"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        String q = ctx.queryParam("q");
        return new Query(statuses, q == null || q.isBlank() ? null : q.trim().toLowerCase(Locale.ROOT), limit, after);
    }

    public static Page page(Collection<JobSnapshot> jobs, Query query) {
        List<JobSnapshot> matching = jobs.stream().filter(job -> matches(job, query)).sorted(NEWEST_FIRST).toList();
        List<JobSnapshot> rest = query.after() == null ? matching
                : matching.stream().filter(job -> query.after().isBefore(job)).toList();
        List<JobSnapshot> page = rest.subList(0, Math.min(query.limit(), rest.size()));
        String next = rest.size() > page.size() && !page.isEmpty() ? position(page.get(page.size() - 1)).encode() : null;
        return new Page(page.stream().map(JobSummary::of).toList(), matching.size(), next);
    }

    private static Position position(JobSnapshot job) {
        return new Position(job.createdAt(), job.jobId());
    }

    private static boolean matches(JobSnapshot job, Query query) {
        if (!query.statuses().isEmpty() && !query.statuses().contains(job.status())) {
            return false;
        }
        if (query.text() == null) {
            return true;
        }
        String q = query.text();
        return job.jobId().toLowerCase(Locale.ROOT).contains(q) || job.name().toLowerCase(Locale.ROOT).contains(q)
                || job.batches().stream().map(BatchSnapshot::batchId).anyMatch(id -> id.toLowerCase(Locale.ROOT).contains(q));
    }

    private static JobStatus parseStatus(String wire) {
        for (JobStatus s : JobStatus.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        return null;
    }

    private static String statusNames() {
        return String.join(", ", java.util.Arrays.stream(JobStatus.values()).map(JobStatus::wire).toList());
    }
}
