package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.api.ApiSettings;
import dev.tecko.api.ProcessorService;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.apache.kafka.streams.KafkaStreams;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand requests the REST API must refuse ({@link ApiFuzz}), over real HTTP on loopback to a processor with its
 * API, mixed into a run of valid jobs created through the same API (and driven to their end by {@link StandIns}). Every
 * refused request must get a 4xx RFC 9457 problem ({@code application/problem+json}, {@code status} equal to the HTTP
 * status, {@code errors} naming fields), the processor must stay running throughout, the valid jobs must end exactly as
 * the reference model says, and nothing the fuzz sent may exist as a job or a secret afterwards. Sizes:
 * {@code -Dtecko.resilience.api.requests} (default 1,000), {@code -Dtecko.resilience.api.jobs} (valid jobs, default 20).
 */
@ExtendWith(KafkaBrokerExtension.class)
class MalformedApiRequestsIT {
    private static final int REQUESTS = Integer.getInteger("tecko.resilience.api.requests", 1_000);
    private static final int JOBS = Integer.getInteger("tecko.resilience.api.jobs", 20);
    private static final int SLICE = 25;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String VALIDATION = "https://tecko.dev/problems/validation";
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1",
            ApiFuzz.KEBOOLA_SECRET);

    /** One step of the run: a request that must be refused, or the create of a valid job. */
    private record Step(ApiFuzz.BadRequest bad, JobWorkload.JobPlan valid) {
    }

    @Test
    @DisplayName("given 1,000 malformed requests over every route and method of the REST API amid valid jobs, "
            + "then each gets a 4xx problem, the processor never stops and the valid jobs end correctly")
    void everyMalformedRequestGetsA4xxProblemAndValidJobsFinish(EmbeddedKafka kafka, @TempDir Path stateDir) {
        var random = new Random(Seeds.seed("MalformedApiRequestsIT"));
        String token = "resilience-" + new UUID(random.nextLong(), random.nextLong());
        var cluster = new Cluster(kafka, "bad-api")
                .with(ApiSettings.ENABLED, "true")
                .with(ApiSettings.PORT, "0")
                .with(ApiSettings.BIND, "127.0.0.1")
                .with(ApiSettings.TOKEN, token)
                .with(ApiSettings.ALLOW_LOOPBACK, "true");
        var workload = JobWorkload.random("job-", JOBS, random, TARGET);
        List<String> liveJobIds = workload.jobs().stream().map(JobWorkload.JobPlan::jobId).toList();
        List<Step> steps = new ArrayList<>();
        new ApiFuzz(random, token, liveJobIds).requests(REQUESTS).forEach(bad -> steps.add(new Step(bad, null)));
        workload.jobs().forEach(job -> steps.add(random.nextInt(steps.size() + 1), new Step(null, job)));
        long started = System.nanoTime();

        try (var service = ProcessorService.start(cluster.processorConfig(stateDir));
             var standIns = new StandIns(cluster, workload)) {
            var api = new Api(service.apiUrl(), token);
            await().atMost(Duration.ofMinutes(1)).until(() -> service.runtime().isRunning());
            api.expect(201, "POST", "/api/secrets", Map.of("name", ApiFuzz.OPENAI_SECRET, "type", "openai", "value", "sk-resilience"));
            api.expect(201, "POST", "/api/secrets", Map.of("name", ApiFuzz.KEBOOLA_SECRET, "type", "keboola", "value", "kbc-resilience"));

            var outcomes = new Outcomes();
            List<String> validCreates = new ArrayList<>();
            Set<KafkaStreams.State> states = new HashSet<>();
            var progress = new Progress("malformed-api");
            int[] done = {0};
            Runnable observe = () -> {
                standIns.step();
                states.add(service.runtime().state());
                progress.report(done[0] + " of " + steps.size() + " requests sent, " + standIns.finishedCount() + " of " + JOBS
                        + " valid jobs finished");
            };
            boolean allSent = awaitOrFalse(Duration.ofMinutes(3), () -> {
                // the fuzz goes in slice by slice while the valid jobs are moving, so the two really interleave
                steps.stream().skip(done[0]).limit(SLICE).forEach(step -> {
                    if (step.valid() != null) {
                        Api.Reply reply = api.send("POST", "/api/jobs", "application/json", api.bearer(),
                                ApiFuzz.json(workload.createRequest(step.valid())), false);
                        // 202 is the documented answer when the processor is slow; the job's end is checked below either way
                        if (reply.status() != 201 && reply.status() != 202) {
                            validCreates.add(step.valid().jobId() + " answered " + reply);
                        }
                    } else {
                        outcomes.record(step.bad(), api.send(step.bad()));
                    }
                    done[0]++;
                });
                observe.run();
                return done[0] == steps.size();
            });
            boolean allFinished = awaitOrFalse(Duration.ofMinutes(1), () -> {
                observe.run();
                return standIns.allFinished();
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            outcomes.print(seconds);

            // every check reports, so a slipped request shows together with what it did to the jobs and secrets
            var soft = new SoftAssertions();
            soft.assertThat(outcomes.violations).as("requests not refused with a 4xx problem (first 20 of %d: %s)",
                    outcomes.violations.size(), outcomes.violations.stream().limit(20).toList()).isEmpty();
            soft.assertThat(allSent).as("all %d requests sent in time (%d were)", steps.size(), done[0]).isTrue();
            soft.assertThat(allFinished).as("all %d valid jobs finished (%d did)", JOBS, standIns.finishedCount()).isTrue();
            soft.assertThat(outcomes.answered).as("malformed requests answered").isEqualTo(REQUESTS);
            soft.assertThat(validCreates).as("valid creates not accepted").isEmpty();

            Api.Reply health = api.send("GET", "/api/health", null, null, null, false);
            soft.assertThat(health.status()).as("health: %s", health).isEqualTo(200);
            soft.assertThat(health.json().path("status").asText()).as("health status").isEqualTo("UP");
            soft.assertThat(health.json().path("streams").asText()).as("health streams").isEqualTo("RUNNING");
            soft.assertThat(service.runtime().state()).as("processor state at the end").isEqualTo(KafkaStreams.State.RUNNING);
            soft.assertThat(states).as("processor states seen during the run").containsOnly(KafkaStreams.State.RUNNING);

            var mismatches = workload.mismatches(standIns.latest());
            soft.assertThat(mismatches).as("valid jobs differing from the reference model (first 5: %s)",
                    mismatches.stream().limit(5).toList()).isEmpty();
            soft.assertThat(standIns.triggerCounts().keySet()).as("triggers").isEqualTo(workload.expectedTriggerIds());
            Map<String, String> expected = new TreeMap<>();
            workload.jobs().forEach(job -> expected.put(job.jobId(), workload.expected(job).status().wire()));
            JsonNode listed = listedJobs(api, expected);
            soft.assertThat(listed.path("total").asInt()).as("total of the API's job list: the valid jobs only").isEqualTo(JOBS);
            soft.assertThat(statuses(listed)).as("the API's job list, id → status: the valid jobs, ended as planned").isEqualTo(expected);
            soft.assertThat(api.expect(200, "GET", "/api/secrets", null).path("secrets").findValuesAsText("name"))
                    .as("secrets: the valid ones only").containsExactly(ApiFuzz.KEBOOLA_SECRET, ApiFuzz.OPENAI_SECRET);
            soft.assertAll();
        }
    }

    /**
     * The API's first page of up to 500 jobs once its statuses equal {@code expected}, or the last one seen after 30 s:
     * the list is an eventually consistent view of job-status, so it may need a moment to show the last changes.
     */
    private static JsonNode listedJobs(Api api, Map<String, String> expected) {
        var page = new AtomicReference<JsonNode>();
        awaitOrFalse(Duration.ofSeconds(30), () -> {
            page.set(api.expect(200, "GET", "/api/jobs?limit=500", null));
            return statuses(page.get()).equals(expected);
        });
        return page.get();
    }

    /**
     * Whether the condition came true in time. A run that stalls (a slipped request paused a valid job, say) ends here
     * instead of failing at once, so the checks after it report what went wrong, with the outcome table.
     */
    private static boolean awaitOrFalse(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Job id → status, from a page of the job list. */
    private static Map<String, String> statuses(JsonNode page) {
        Map<String, String> statuses = new TreeMap<>();
        page.path("jobs").forEach(job -> statuses.put(job.path("jobId").asText(), job.path("status").asText()));
        return statuses;
    }

    /** What the malformed requests got back: counts by kind and status, and every answer that broke the contract. */
    private static final class Outcomes {
        final Map<ApiFuzz.Kind, Map<Integer, Integer>> byKind = new EnumMap<>(ApiFuzz.Kind.class);
        final List<String> violations = new ArrayList<>();
        int answered;

        void record(ApiFuzz.BadRequest request, Api.Reply reply) {
            if (reply.status() > 0) {
                answered++;
            }
            byKind.computeIfAbsent(request.kind(), k -> new TreeMap<>()).merge(reply.status(), 1, Integer::sum);
            String fault = fault(request, reply);
            if (fault != null) {
                violations.add(request + " → " + reply + ": " + fault);
            }
        }

        /** Why the answer breaks docs/api.md's "Errors" convention, or null when it keeps it. */
        private static String fault(ApiFuzz.BadRequest request, Api.Reply reply) {
            if (reply.status() < 400 || reply.status() > 499) {
                return "not a 4xx";
            }
            if (reply.contentType() == null || !reply.contentType().startsWith(PROBLEM_JSON)) {
                return "Content-Type is " + reply.contentType();
            }
            JsonNode problem;
            try {
                problem = Json.mapper().readTree(reply.body());
            } catch (IOException e) {
                return "body is not JSON";
            }
            if (problem == null || !problem.isObject() || !problem.path("type").isTextual() || !problem.path("title").isTextual()
                    || problem.path("title").asText().isBlank()) {
                return "not a problem document (type and title)";
            }
            if (!problem.path("status").isInt() || problem.path("status").intValue() != reply.status()) {
                return "problem status " + problem.path("status") + " differs from the HTTP status";
            }
            if (request.kind() == ApiFuzz.Kind.BAD_TOKEN && (reply.status() != 401 || !"Bearer".equals(reply.wwwAuthenticate()))) {
                return "a bad token must get 401 with WWW-Authenticate: Bearer";
            }
            JsonNode errors = problem.path("errors");
            boolean validation = VALIDATION.equals(problem.path("type").asText());
            if (validation && (!errors.isArray() || errors.isEmpty())) {
                return "a validation problem without errors";
            }
            Set<String> fields = new TreeSet<>();
            for (JsonNode error : errors) {
                if (!error.path("field").isTextual() || error.path("field").asText().isBlank()) {
                    return "an error names no field: " + error;
                }
                fields.add(error.path("field").asText());
            }
            if (errors.isArray() && !errors.isEmpty() && request.field() != null
                    && fields.stream().noneMatch(f -> names(f, request.field()))) {
                return "errors name " + fields + ", not the field at fault, " + request.field();
            }
            return null;
        }

        /** {@code batchIds[1]} and {@code triggerPolicy.type} name the fields {@code batchIds} and {@code triggerPolicy}. */
        private static boolean names(String field, String atFault) {
            return field.equals(atFault) || field.startsWith(atFault + "[") || field.startsWith(atFault + ".")
                    || atFault.startsWith(field + "[") || atFault.startsWith(field + ".");
        }

        void print(double seconds) {
            Set<Integer> statuses = new TreeSet<>();
            byKind.values().forEach(m -> statuses.addAll(m.keySet()));
            var table = new StringBuilder(String.format("%-20s", "kind \\ status"));
            statuses.forEach(s -> table.append(String.format("%6d", s)));
            table.append(String.format("%7s%n", "all"));
            Map<Integer, Integer> totals = new TreeMap<>();
            byKind.forEach((kind, counts) -> {
                table.append(String.format("%-20s", kind));
                statuses.forEach(s -> table.append(String.format("%6d", counts.getOrDefault(s, 0))));
                table.append(String.format("%7d%n", counts.values().stream().mapToInt(Integer::intValue).sum()));
                counts.forEach((s, n) -> totals.merge(s, n, Integer::sum));
            });
            table.append(String.format("%-20s", "all"));
            statuses.forEach(s -> table.append(String.format("%6d", totals.getOrDefault(s, 0))));
            table.append(String.format("%7d%n", answered));
            System.out.print(table);
            violations.forEach(v -> System.out.println("NOT A 4xx PROBLEM: " + v));
            System.out.printf("MalformedApiRequestsIT: %d malformed requests, %d valid jobs: answers by status %s, %d not a 4xx problem, "
                    + "%.1f s%n", REQUESTS, JOBS, totals, violations.size(), seconds);
        }
    }

    /** The REST API over real HTTP/1.1 on loopback, sending exactly the bytes and headers it is given. */
    private static final class Api {
        record Reply(int status, String contentType, String wwwAuthenticate, byte[] body) {
            JsonNode json() {
                try {
                    return Json.mapper().readTree(body);
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + this, e);
                }
            }

            @Override
            public String toString() {
                String text = new String(body, StandardCharsets.UTF_8);
                return status + " " + contentType + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
            }
        }

        /**
         * OkHttp's default retry of a request that failed on a pooled connection the server had closed: Jetty closes the
         * connection after refusing a bad URI (e.g. {@code %00}) without saying {@code Connection: close}, and the next
         * request must not be blamed for that. A request that gets no answer on a fresh connection still shows as such.
         */
        private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        private final String baseUrl;
        private final String token;

        Api(String baseUrl, String token) {
            this.baseUrl = baseUrl;
            this.token = token;
        }

        String bearer() {
            return "Bearer " + token;
        }

        /** @param chunked sent without a declared length */
        Reply send(String method, String path, String contentType, String authorization, byte[] body, boolean chunked) {
            byte[] bytes = body != null ? body : List.of("POST", "PUT", "PATCH").contains(method) ? new byte[0] : null;
            MediaType type = contentType == null ? null : MediaType.parse(contentType);
            RequestBody requestBody = bytes == null ? null : chunked ? chunked(bytes, type) : RequestBody.create(bytes, type);
            var request = new Request.Builder().url(baseUrl + path).method(method, requestBody);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (bytes != null && !chunked && bytes.length > ApiFuzz.BODY_LIMIT) {
                // a declared length over the limit is refused before the body is read; sent at once, the server's close
                // with the body unread can reset the connection before the client reads the 413 (a TCP race: 2 answers
                // of 61 lost here), so the client asks first, as RFC 9110 advises for large bodies; the server then closes
                // the connection (the body it refused is not on it), so the client must not pool it either
                request.header("Expect", "100-continue").header("Connection", "close");
            }
            try (Response response = http.newCall(request.build()).execute()) {
                return new Reply(response.code(), response.header("Content-Type"), response.header("WWW-Authenticate"),
                        response.body().bytes());
            } catch (IOException e) {
                // no answer at all (the connection failed): status 0, which no check accepts, with the reason as its body
                return new Reply(0, null, null, ("no answer: " + e).getBytes(StandardCharsets.UTF_8));
            }
        }

        private static RequestBody chunked(byte[] bytes, MediaType type) {
            return new RequestBody() {
                @Override
                public MediaType contentType() {
                    return type;
                }

                @Override
                public long contentLength() {
                    return -1;
                }

                @Override
                public void writeTo(BufferedSink sink) throws IOException {
                    sink.write(bytes);
                }
            };
        }

        Reply send(ApiFuzz.BadRequest request) {
            return send(request.method(), request.path(), request.contentType(), request.authorization(), request.body(), request.chunked());
        }

        /** A request that must succeed with {@code status}, with the token; its JSON answer. */
        JsonNode expect(int status, String method, String path, Object body) {
            Reply reply = send(method, path, body == null ? null : "application/json", bearer(), body == null ? null : ApiFuzz.json(body), false);
            assertThat(reply.status()).as("%s %s answered %s", method, path, reply).isEqualTo(status);
            return reply.json();
        }
    }
}
