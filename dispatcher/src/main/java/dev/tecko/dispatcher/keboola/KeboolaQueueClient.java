package dev.tecko.dispatcher.keboola;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.dispatcher.http.DeliveryException;
import dev.tecko.dispatcher.http.HttpFailures;
import dev.tecko.dispatcher.http.RetryableDeliveryException;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** One HTTP call to Keboola's Job Queue API per method; retrying is the caller's business. */
public final class KeboolaQueueClient {
    static final String TOKEN_HEADER = "X-StorageApi-Token";
    private static final MediaType JSON = MediaType.get("application/json");
    /** The Queue API's largest page. */
    static final int PAGE = 500;
    /** Past this many matching jobs a search stops: the answer is "too many to tell", which the caller treats as unknown. */
    static final int MAX_SEARCHED = 5_000;

    private final OkHttpClient http;
    private final Clock clock;

    public KeboolaQueueClient(OkHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** {@code POST /jobs}: the created job (201). */
    public KeboolaJob createJob(TriggerTarget target, Map<String, String> variables, String token) {
        HttpUrl url = HttpUrl.get(QueueUrls.of(target.stackUrl()) + "/jobs");
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(JobRequestBody.of(target, variables));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the job request", e);
        }
        Request request = new Request.Builder().url(url).header(TOKEN_HEADER, token).post(RequestBody.create(body, JSON)).build();
        JsonNode answer = call(request, "POST " + url, token);
        return KeboolaJob.tryParse(answer).orElseThrow(() -> RetryableDeliveryException.unreadableAnswer(
                "POST " + url + " answered 2xx with a body that is no Job object (no job id)", 201));
    }

    /** {@code GET /jobs/{id}}: how far the Keboola job has got; a 404 is a {@code PermanentDeliveryException} (status 404). */
    public KeboolaJobProgress getJob(String stackUrl, String jobId, String token) {
        HttpUrl url = HttpUrl.get(QueueUrls.of(stackUrl)).newBuilder().addPathSegment("jobs").addPathSegment(jobId).build();
        JsonNode answer = call(new Request.Builder().url(url).header(TOKEN_HEADER, token).get().build(), "GET " + url, token);
        return KeboolaJobProgress.tryParse(answer).orElseThrow(() -> RetryableDeliveryException.unreadableAnswer(
                "GET " + url + " answered 2xx with a body that is no Job object (no id or status)", 200));
    }

    /**
     * {@code GET /search/jobs}: the jobs of the target's component and configuration created at or after {@code from},
     * every page.
     */
    public List<KeboolaJob> searchJobs(TriggerTarget target, Instant from, String token) {
        List<KeboolaJob> jobs = new ArrayList<>();
        for (int offset = 0; offset < MAX_SEARCHED; offset += PAGE) {
            HttpUrl url = HttpUrl.get(QueueUrls.of(target.stackUrl()) + "/search/jobs").newBuilder()
                    .addQueryParameter("component", target.componentId())
                    .addQueryParameter("config", target.configId())
                    .addQueryParameter("createdTimeFrom", from.toString())
                    .addQueryParameter("limit", Integer.toString(PAGE))
                    .addQueryParameter("offset", Integer.toString(offset))
                    .build();
            JsonNode page = call(new Request.Builder().url(url).header(TOKEN_HEADER, token).get().build(),
                    "GET " + url.newBuilder().query(null).build(), token);
            // an entry without an id cannot be ours to report; it is skipped rather than failing the whole search
            page.forEach(job -> KeboolaJob.tryParse(job).ifPresent(jobs::add));
            if (page.size() < PAGE) {
                return jobs;
            }
        }
        throw new DeliveryException("more than " + MAX_SEARCHED + " jobs of config " + target.configId()
                + " since " + from + ": cannot tell which one is this trigger's", null);
    }

    private JsonNode call(Request request, String what, String token) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw HttpFailures.fromResponse(what, response.code(), response.header("Retry-After"), body, token, clock);
            }
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                // a 2xx we cannot read: the job may exist, so this is retried after a look-up, never taken as failed
                throw RetryableDeliveryException.unreadableAnswer(what + " answered " + response.code() + " with a body that is not JSON",
                        response.code());
            }
        } catch (IOException e) {
            throw HttpFailures.fromIo(what, e);
        }
    }
}
