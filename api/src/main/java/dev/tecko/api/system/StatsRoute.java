package dev.tecko.api.system;

import dev.tecko.api.views.JobCounts;
import dev.tecko.api.views.JobEventsView;
import dev.tecko.api.views.JobStatusView;
import dev.tecko.api.views.SecretsView;
import dev.tecko.schemas.JobStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/stats}: jobs by status, batches still watched, triggers sent, secrets; from the views. */
public final class StatsRoute {
    private final JobStatusView jobs;
    private final JobEventsView events;
    private final SecretsView secrets;

    public StatsRoute(JobStatusView jobs, JobEventsView events, SecretsView secrets) {
        this.jobs = jobs;
        this.events = events;
        this.secrets = secrets;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/stats", this::stats);
    }

    private void stats(Context ctx) {
        JobCounts counts = jobs.counts();
        Map<String, Object> byStatus = new LinkedHashMap<>();
        byStatus.put("total", counts.total());
        for (JobStatus status : JobStatus.values()) {
            byStatus.put(status.wire(), counts.byStatus().get(status));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", byStatus);
        body.put("batchesTracked", counts.batchesTracked());
        body.put("triggersSent", events.triggeredCount());
        body.put("secrets", secrets.all().size());
        ctx.json(body);
    }
}
