package dev.tecko.api.jobs;

import dev.tecko.api.views.JobStatusView;
import dev.tecko.processor.query.JobOwner;
import dev.tecko.processor.query.QueryableProcessor;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one job where it is freshest: this instance's store when it owns the job, the owning instance over HTTP
 * otherwise (its {@code application.server}), and the {@code job-status} view when neither can answer (owner unknown,
 * rebalancing, unreachable). Says which in {@link Read#servedBy()}.
 */
public final class JobReader {
    public static final String SERVED_BY = "X-Tecko-Served-By";
    /** Marks a forwarded request, so the instance that receives it never forwards it again. */
    public static final String FORWARDED = "X-Tecko-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(JobReader.class);

    private final Supplier<? extends QueryableProcessor> runtime;
    private final JobStatusView view;
    private final OkHttpClient http;
    private final boolean forwardInsecure;

    /** @param forwardInsecure whether the caller's token may go over plain http to an owner on another host */
    public JobReader(Supplier<? extends QueryableProcessor> runtime, JobStatusView view, OkHttpClient http, boolean forwardInsecure) {
        this.runtime = runtime;
        this.view = view;
        this.http = http;
        this.forwardInsecure = forwardInsecure;
    }

    /**
     * Forwarding carries the caller's bearer token over plain http: only to this machine (loopback), unless the operator
     * says the network between instances is trusted ({@code TECKO_API_FORWARD_INSECURE}). Otherwise the view answers.
     */
    static boolean mayForwardTo(String host, boolean forwardInsecure) {
        if (forwardInsecure) {
            return true;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1") || h.equals("[::1]");
    }

    public record Read(Optional<JobSnapshot> job, String servedBy) {
    }

    /**
     * @param authorization the caller's Authorization header, passed on to the owner
     * @param mayForward    false for a request that was itself forwarded
     */
    public Read read(String jobId, String authorization, boolean mayForward) {
        QueryableProcessor processor = runtime.get();
        if (processor != null) {
            try {
                JobOwner owner = processor.queries().ownerOf(jobId);
                if (owner.local()) {
                    return new Read(processor.queries().get(jobId), "local");
                }
                if (mayForward && owner.host().isPresent() && mayForwardTo(owner.host().get().host(), forwardInsecure)) {
                    Optional<Read> forwarded = forward(owner.host().get(), jobId, authorization);
                    if (forwarded.isPresent()) {
                        return forwarded.get();
                    }
                }
            } catch (InvalidStateStoreException | IllegalStateException e) {
                // rebalancing: the store is not queryable right now, the view is
            }
        }
        return new Read(view.get(jobId), "view");
    }

    private Optional<Read> forward(HostInfo owner, String jobId, String authorization) {
        var request = new Request.Builder()
                .url("http://" + owner.host() + ":" + owner.port() + "/api/jobs/" + jobId)
                .header(FORWARDED, "true");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (var response = http.newCall(request.build()).execute()) {
            if (response.code() == 200) {
                return Optional.of(new Read(Optional.of(Json.mapper().readValue(response.body().bytes(), JobSnapshot.class)), "forwarded"));
            }
            if (response.code() == 404) {
                return Optional.of(new Read(Optional.empty(), "forwarded"));
            }
            LOG.warn("owner {}:{} answered {} for job {}; reading the view instead", owner.host(), owner.port(), response.code(), jobId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("owner {}:{} unreachable for job {} ({}); reading the view instead", owner.host(), owner.port(), jobId,
                    e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
