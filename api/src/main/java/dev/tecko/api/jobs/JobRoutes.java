package dev.tecko.api.jobs;

import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.FieldError;
import dev.tecko.api.http.FieldReader;
import dev.tecko.api.http.JsonBody;
import dev.tecko.api.views.JobEventsView;
import dev.tecko.api.views.JobStatusView;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSnapshot;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The job routes of docs/api.md: TeckoChecker's create/list/get/update/delete/pause/resume plus cancel, retrigger, events. */
public final class JobRoutes {
    public static final String ISSUED_BY = "api";
    private static final int DEFAULT_EVENTS = 100;

    private final JobRequests requests;
    private final SecretReferences secrets;
    private final CommandGateway commands;
    private final JobReader reader;
    private final JobStatusView jobs;
    private final JobEventsView events;

    public JobRoutes(JobRequests requests, SecretReferences secrets, CommandGateway commands, JobReader reader, JobStatusView jobs,
                     JobEventsView events) {
        this.requests = requests;
        this.secrets = secrets;
        this.commands = commands;
        this.reader = reader;
        this.jobs = jobs;
        this.events = events;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/jobs", this::create);
        routes.get("/api/jobs", this::list);
        routes.get("/api/jobs/{id}", this::get);
        routes.put("/api/jobs/{id}", this::update);
        routes.delete("/api/jobs/{id}", this::delete);
        for (CommandType action : List.of(CommandType.PAUSE, CommandType.RESUME, CommandType.CANCEL, CommandType.RETRIGGER)) {
            routes.post("/api/jobs/{id}/" + action.name().toLowerCase(java.util.Locale.ROOT), ctx -> act(ctx, action));
        }
        routes.post("/api/jobs/{id}/seal", this::seal);
        routes.get("/api/jobs/{id}/events", this::events);
        routes.get("/api/jobs/{id}/variables", this::variables);
    }

    /**
     * The variables the job's latest trigger sent: computed from its batches exactly as the processor computed them
     * ({@code KeboolaVariables}; a trigger is emitted only once every batch is terminal, and terminal batches do not
     * change), so the job record need not carry them. 404 when the job has not triggered.
     */
    private void variables(Context ctx) {
        JobSnapshot job = readOrNotFound(ctx, jobId(ctx));
        if (job.lastTrigger() == null) {
            throw ApiProblem.notFound("job " + job.jobId() + " has not triggered yet: no variables were sent");
        }
        var outcomes = job.batches().stream().filter(b -> b.status().isTerminal()).map(dev.tecko.schemas.BatchOutcome::of).toList();
        var variables = job.variables() == dev.tecko.schemas.VariableSet.EXTENDED
                ? dev.tecko.schemas.KeboolaVariables.extended(outcomes) : dev.tecko.schemas.KeboolaVariables.of(outcomes);
        ctx.json(Map.of("triggerId", job.lastTrigger().triggerId(), "variables", variables));
    }

    private void create(Context ctx) {
        JobRequests.Create request = requests.create(JsonBody.object(ctx));
        secrets.check(request.spec().openaiSecret(), request.spec().target());
        secrets.checkBatchTag(request.spec().openaiSecret(), request.spec().batchTag(), TagFields.BATCH_TAG);
        var command = new JobCommand(Check.CURRENT_SCHEMA_VERSION, commandId(), request.jobId(), CommandType.CREATE, request.spec(),
                null, Instant.now(), ISSUED_BY, null);
        if (answered(ctx, command, 201)) {
            ctx.header("Location", "/api/jobs/" + request.jobId());
        }
    }

    private void list(Context ctx) {
        ctx.json(JobListing.page(jobs.all(), JobListing.query(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(readOrNotFound(ctx, jobId(ctx)));
    }

    private void update(Context ctx) {
        String jobId = jobId(ctx);
        var body = JsonBody.object(ctx);
        JobSnapshot current = readOrNotFound(ctx, jobId);
        JobPatch patch = requests.update(body, current);
        secrets.check(patch.openaiSecret(), patch.target());
        // a tagged job cannot move to a provider whose batches carry no tag to find them by
        secrets.checkBatchTag(patch.openaiSecret(), current.batchSearch() == null ? null : current.batchSearch().tag(),
                "openaiSecret");
        answered(ctx, new JobCommand(Check.CURRENT_SCHEMA_VERSION, commandId(), jobId, CommandType.UPDATE, null, patch,
                Instant.now(), ISSUED_BY, null), 200);
    }

    private void delete(Context ctx) {
        String jobId = jobId(ctx);
        var command = new JobCommand(Check.CURRENT_SCHEMA_VERSION, commandId(), jobId, CommandType.DELETE, null, null, Instant.now(),
                ISSUED_BY, null);
        if (commands.send(command).isPresent()) {
            ctx.status(204);
        } else {
            pending(ctx, command);
        }
    }

    private void act(Context ctx, CommandType action) {
        act(ctx, action, jobId(ctx), null);
    }

    /**
     * Seals a tagged job's batch list: answered like the other actions (the job, with {@code batchSearch.state}
     * {@code sealing} or {@code sealed}); the processor's refusal (no tag, already sealing or sealed, a finished job) is a
     * 409 like theirs. The body may be empty or {@code {"reason": "…"}}, kept on the command for the audit trail.
     */
    private void seal(Context ctx) {
        String jobId = jobId(ctx);
        var f = new FieldReader(JsonBody.optionalObject(ctx));
        String reason = f.text("reason", false, Check.MAX_TEXT);
        f.rejectUnread();
        if (!f.errors().isEmpty()) {
            throw ApiProblem.invalid(f.errors());
        }
        act(ctx, CommandType.SEAL, jobId, reason);
    }

    private void act(Context ctx, CommandType action, String jobId, String reason) {
        answered(ctx, new JobCommand(Check.CURRENT_SCHEMA_VERSION, commandId(), jobId, action, null, null, Instant.now(),
                ISSUED_BY, reason), 200);
    }

    /** {@code type}: comma-separated event types ({@code batch_changed,triggered}); empty or absent means every type. */
    private static java.util.Set<EventType> eventTypes(String raw) {
        if (raw == null || raw.isBlank()) {
            return java.util.Set.of();
        }
        var types = java.util.EnumSet.noneOf(EventType.class);
        for (String name : raw.split(",")) {
            EventType type = java.util.Arrays.stream(EventType.values())
                    .filter(t -> t.name().toLowerCase(java.util.Locale.ROOT).equals(name.strip())).findFirst().orElse(null);
            if (type == null) {
                throw ApiProblem.invalid(List.of(new FieldError("type", "unknown event type '" + name.strip() + "'; one of "
                        + java.util.Arrays.stream(EventType.values()).map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList())));
            }
            types.add(type);
        }
        return types;
    }

    private void events(Context ctx) {
        String jobId = jobId(ctx);
        int limit = DEFAULT_EVENTS;
        String raw = ctx.queryParam("limit");
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > JobEventsView.KEPT_PER_JOB) {
                throw ApiProblem.invalid(List.of(new FieldError("limit", "must be a whole number from 1 to " + JobEventsView.KEPT_PER_JOB)));
            }
        }
        List<JobEvent> latest = events.latest(jobId, limit, eventTypes(ctx.queryParam("type")));
        if (latest.isEmpty() && jobs.get(jobId).isEmpty() && events.latest(jobId, 1).isEmpty()) {
            throw ApiProblem.notFound("job " + jobId + " does not exist and has no events");
        }
        ctx.json(Map.of("events", latest));
    }

    /**
     * Sends the command; when the processor applied it, answers with the job as a read now sees it.
     *
     * @return whether the command was applied (false: answered 202 pending)
     */
    private boolean answered(Context ctx, JobCommand command, int status) {
        if (commands.send(command).isEmpty()) {
            pending(ctx, command);
            return false;
        }
        ctx.status(status).json(readOrNotFound(ctx, command.jobId()));
        return true;
    }

    private static void pending(Context ctx, JobCommand command) {
        var body = new LinkedHashMap<String, Object>();
        body.put("jobId", command.jobId());
        body.put("commandId", command.commandId());
        body.put("status", "pending");
        ctx.status(202).json(body);
    }

    private JobSnapshot readOrNotFound(Context ctx, String jobId) {
        JobReader.Read read = reader.read(jobId, ctx.header("Authorization"), ctx.header(JobReader.FORWARDED) == null);
        ctx.header(JobReader.SERVED_BY, read.servedBy());
        return read.job().orElseThrow(() -> ApiProblem.notFound("job " + jobId + " does not exist"));
    }

    /** A path id that no job could have is simply not found. */
    private static String jobId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!Check.isId(id)) {
            throw ApiProblem.notFound("job " + id + " does not exist");
        }
        return id;
    }

    private static String commandId() {
        return UUID.randomUUID().toString();
    }
}
