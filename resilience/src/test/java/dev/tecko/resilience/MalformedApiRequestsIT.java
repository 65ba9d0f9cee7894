package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.processor.api.ApiSettings;
import dev.tecko.processor.api.ProcessorService;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.apache.kafka.streams.KafkaStreams;
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
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20)).until(() -> {
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
                standIns.step();
                states.add(service.runtime().state());
                progress.report(done[0] + " of " + steps.size() + " requests sent, " + standIns.finishedCount() + " of " + JOBS
                        + " valid jobs finished");
                return done[0] == steps.size() && standIns.allFinished();
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            outcomes.print(seconds);

            assertThat(outcomes.violations).as("requests not refused with a 4xx problem (first 20 of %d: %s)",
                    outcomes.violations.size(), outcomes.violations.stream().limit(20).toList()).isEmpty();
            assertThat(outcomes.answered).as("malformed requests answered").isEqualTo(REQUESTS);
            assertThat(validCreates).as("valid creates not accepted").isEmpty();

            Api.Reply health = api.send("GET", "/api/health", null, null, null, false);
            assertThat(health.status()).as("health: %s", health).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.json().path("streams").asText()).isEqualTo("RUNNING");
            assertThat(service.runtime().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(states).as("processor states seen during the run").containsOnly(KafkaStreams.State.RUNNING);

            var mismatches = workload.mismatches(standIns.latest());
            assertThat(mismatches).as("valid jobs differing from the reference model (first 5: %s)",
                    mismatches.stream().limit(5).toList()).isEmpty();
            assertThat(standIns.triggerCounts().keySet()).isEqualTo(workload.expectedTriggerIds());
            Map<String, String> expectedStatuses = new TreeMap<>();
            workload.jobs().forEach(job -> expectedStatuses.put(job.jobId(), workload.expected(job).status().wire()));
            // the API's list is an eventually consistent view of job-status: give it a moment to show the last changes
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode list = api.expect(200, "GET", "/api/jobs?limit=500", null);
                assertThat(list.path("total").asInt()).as("jobs in the API's list: the valid ones only").isEqualTo(JOBS);
                Map<String, String> statuses = new TreeMap<>();
                list.path("jobs").forEach(job -> statuses.put(job.path("jobId").asText(), job.path("status").asText()));
                assertThat(statuses).isEqualTo(expectedStatuses);
            });
            JsonNode secrets = api.expect(200, "GET", "/api/secrets", null);
            assertThat(secrets.path("secrets").findValuesAsText("name")).as("secrets: the valid ones only")
                    .containsExactly(ApiFuzz.KEBOOLA_SECRET, ApiFuzz.OPENAI_SECRET);
        }
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

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String baseUrl;
        private final String token;

        Api(String baseUrl, String token) {
            this.baseUrl = baseUrl;
            this.token = token;
        }

        String bearer() {
            return "Bearer " + token;
        }

        Reply send(String method, String path, String contentType, String authorization, byte[] body, boolean chunked) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).method(method, publisher);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                        response.headers().firstValue("WWW-Authenticate").orElse(null), response.body());
            } catch (IOException e) {
                // no answer at all (the connection failed): status 0, which no check accepts, with the reason as its body
                return new Reply(0, null, null, ("no answer: " + e).getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
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
