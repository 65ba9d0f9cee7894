package dev.tecko.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Requests the REST API must refuse (docs/api.md), over every route and method it serves: bodies that are random
 * bytes, truncated JSON, JSON that is no object, a field of the wrong JSON type, a 300 KB string, just over 1 MiB
 * (declared or chunked), an unknown enum value, a missing required field, an unknown property, an out-of-range or
 * refused value, or not JSON at all under another content type; ids in paths no job or secret can have, and unknown
 * ones; bad query parameters; missing or wrong bearer tokens on otherwise valid requests; methods a route does not
 * serve. Requests that could change anything (writes, actions) only ever carry one fault each, aimed at the live
 * jobs of the run where that makes the fault matter, so one that slipped through would show in those jobs' ends.
 */
final class ApiFuzz {
    static final String OPENAI_SECRET = "openai-main";
    static final String KEBOOLA_SECRET = "kbc";
    /** The body limit of docs/api.md: bodies over 1 MiB are {@code 413}. */
    static final int BODY_LIMIT = 1 << 20;

    enum Kind {
        RANDOM_BYTES, TRUNCATED_JSON, NOT_AN_OBJECT, WRONG_TYPE, HUGE_STRING, BODY_OVER_LIMIT, UNKNOWN_ENUM, MISSING_FIELD,
        UNKNOWN_PROPERTY, INVALID_VALUE, NOT_JSON, INVALID_PATH_ID, UNKNOWN_ID, BAD_QUERY, BAD_TOKEN, UNSUPPORTED_METHOD
    }

    /**
     * One request that must be refused.
     *
     * @param authorization the Authorization header, null for none
     * @param body          null for none
     * @param chunked       sent without a declared length
     * @param field         the request field a problem listing fields must name (null: no single field is at fault)
     */
    record BadRequest(Kind kind, String method, String path, String contentType, String authorization, byte[] body,
                      boolean chunked, String field) {
        @Override
        public String toString() {
            String shownPath = path.length() > 100 ? path.substring(0, 100) + "…(" + path.length() + " chars)" : path;
            return kind + " " + method + " " + shownPath
                    + (body == null ? "" : " [" + body.length + " bytes" + (chunked ? " chunked" : "") + ", " + contentType + "]")
                    + (field == null ? "" : " field " + field)
                    + (kind == Kind.BAD_TOKEN ? " Authorization: " + (authorization == null ? "none" : "'" + authorization + "'") : "");
        }
    }

    /** The routes with a JSON body. */
    private enum Body { CREATE_JOB, UPDATE_JOB, CREATE_SECRET }

    private record Route(String method, String path) {
    }

    private static final ObjectMapper JSON = Json.mapper();
    private static final List<String> ACTIONS = List.of("pause", "resume", "cancel", "retrigger", "seal");
    private static final List<String> REQUIRED_JOB_FIELDS = List.of("name", "batchIds", "openaiSecret", "keboolaSecret",
            "keboolaStackUrl", "keboolaComponentId", "keboolaConfigId");
    private static final List<String> REQUIRED_SECRET_FIELDS = List.of("name", "type", "value");

    private final Random random;
    private final String token;
    private final List<String> liveJobIds;
    private int serial;

    /** @param liveJobIds the valid jobs of the run: updates, actions and bad tokens are aimed at them */
    ApiFuzz(Random random, String token, List<String> liveJobIds) {
        this.random = random;
        this.token = token;
        this.liveJobIds = List.copyOf(liveJobIds);
    }

    /** {@code count} requests, the kinds drawn evenly. */
    List<BadRequest> requests(int count) {
        List<BadRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(request(pick(Arrays.asList(Kind.values()))));
        }
        return requests;
    }

    private BadRequest request(Kind kind) {
        Body route = pick(Arrays.asList(Body.values()));
        return switch (kind) {
            case RANDOM_BYTES -> body(kind, route, randomBytes(random.nextInt(2_000)), null);
            case TRUNCATED_JSON -> {
                byte[] json = json(valid(route));
                yield body(kind, route, Arrays.copyOf(json, random.nextInt(json.length)), null);
            }
            case NOT_AN_OBJECT -> body(kind, route, utf8(pick(List.of("[]", "[" + new String(json(valid(route)), StandardCharsets.UTF_8) + "]",
                    "\"a job\"", "42", "null", "true", "", "  "))), null);
            case WRONG_TYPE -> wrongType(route);
            case HUGE_STRING -> hugeString(route);
            case BODY_OVER_LIMIT -> overLimit(route);
            case UNKNOWN_ENUM -> unknownEnum(route);
            case MISSING_FIELD -> missingField(route);
            case UNKNOWN_PROPERTY -> unknownProperty(route);
            case INVALID_VALUE -> invalidValue(route);
            case NOT_JSON -> notJson(route);
            case INVALID_PATH_ID -> onIdRoute(kind, invalidId());
            case UNKNOWN_ID -> onIdRoute(kind, fuzzId("unknown"));
            case BAD_QUERY -> badQuery();
            case BAD_TOKEN -> badToken();
            case UNSUPPORTED_METHOD -> unsupportedMethod();
        };
    }

    // ---- bodies ----

    private ObjectNode valid(Body body) {
        return switch (body) {
            case CREATE_JOB -> {
                ObjectNode job = JSON.createObjectNode().put("jobId", fuzzId("job")).put("name", "fuzzed job");
                job.putArray("batchIds").add("batch_fuzz_1").add("batch_fuzz_2");
                yield job.put("openaiSecret", OPENAI_SECRET).put("keboolaSecret", KEBOOLA_SECRET)
                        .put("keboolaStackUrl", "https://connection.keboola.com").put("keboolaComponentId", "kds-team.app")
                        .put("keboolaConfigId", "1").put("pollIntervalSeconds", 120).put("triggerPolicy", "always")
                        .put("deadline", "2030-01-01T00:00:00Z").put("startPaused", false);
            }
            case UPDATE_JOB -> JSON.createObjectNode().put("name", "renamed").put("pollIntervalSeconds", 60);
            case CREATE_SECRET -> JSON.createObjectNode().put("name", fuzzId("secret")).put("type", pick(List.of("openai", "keboola", "webhook")))
                    .put("value", "value-" + random.nextInt()).put("baseUrl", "https://api.openai.com/v1");
        };
    }

    private Route route(Body body) {
        return switch (body) {
            case CREATE_JOB -> new Route("POST", "/api/jobs");
            // mostly live jobs: an update that slipped through would change how they end
            case UPDATE_JOB -> new Route("PUT", "/api/jobs/" + (random.nextInt(4) == 0 ? fuzzId("unknown") : pick(liveJobIds)));
            case CREATE_SECRET -> new Route("POST", pick(List.of("/api/secrets", "/api/admin/secrets")));
        };
    }

    private BadRequest body(Kind kind, Body body, byte[] bytes, String field) {
        return body(kind, body, bytes, field, contentType());
    }

    private BadRequest body(Kind kind, Body body, byte[] bytes, String field, String contentType) {
        Route route = route(body);
        return new BadRequest(kind, route.method(), route.path(), contentType, bearer(), bytes, false, field);
    }

    private BadRequest body(Kind kind, Body body, ObjectNode tree, String field) {
        return body(kind, body, json(tree), field);
    }

    /** Mostly JSON's, but also none or another one: the body's fault must be found whatever the header claims. */
    private String contentType() {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> "text/plain";
            case 2 -> "application/octet-stream";
            case 3 -> "application/json; charset=utf-8";
            default -> "application/json";
        };
    }

    private BadRequest wrongType(Body body) {
        ObjectNode tree = valid(body);
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        String field = pick(fields);
        JsonNode current = tree.get(field);
        if (current.isTextual()) {
            // never a number: Keboola ids may be sent as numbers
            switch (random.nextInt(3)) {
                case 0 -> tree.putObject(field).put("unexpected", true);
                case 1 -> tree.putArray(field).add(current.textValue());
                default -> tree.put(field, true);
            }
        } else if (current.isNumber()) {
            switch (random.nextInt(3)) {
                case 0 -> tree.put(field, current.asText());
                case 1 -> tree.put(field, current.asDouble() + 0.5);
                default -> tree.putArray(field).add(current.intValue());
            }
        } else if (current.isBoolean()) {
            switch (random.nextInt(3)) {
                case 0 -> tree.put(field, Boolean.toString(current.booleanValue()));
                case 1 -> tree.put(field, 0);
                default -> tree.putObject(field);
            }
        } else {
            switch (random.nextInt(3)) {
                case 0 -> tree.put(field, "batch_fuzz_1");
                case 1 -> tree.put(field, 7);
                default -> tree.putArray(field).add(1).add(true);
            }
        }
        return body(Kind.WRONG_TYPE, body, tree, field);
    }

    private BadRequest hugeString(Body body) {
        ObjectNode tree = valid(body);
        String huge = "x".repeat(300_000 + random.nextInt(100_000));
        List<String> fields = switch (body) {
            case CREATE_JOB -> List.of("name", "jobId", "batchIds", "openaiSecret", "keboolaSecret", "keboolaStackUrl",
                    "keboolaComponentId", "keboolaConfigId", "deadline");
            case UPDATE_JOB -> List.of("name", "deadline", "keboolaConfigId");
            case CREATE_SECRET -> List.of("name", "value", "baseUrl");
        };
        String field = pick(fields);
        if (field.equals("batchIds")) {
            tree.putArray(field).add("batch_fuzz_1").add(huge);
            field = "batchIds[1]";
        } else {
            tree.put(field, field.endsWith("Url") ? "https://" + huge + ".keboola.com" : huge);
        }
        return body(Kind.HUGE_STRING, body, tree, field);
    }

    /** A valid-looking body padded to just over 1 MiB, half of them chunked (no declared length to refuse up front). */
    private BadRequest overLimit(Body body) {
        ObjectNode tree = valid(body).put("name", "");
        int target = BODY_LIMIT + 1 + random.nextInt(1_024);
        tree.put("name", "x".repeat(target - json(tree).length));
        Route route = route(body);
        return new BadRequest(Kind.BODY_OVER_LIMIT, route.method(), route.path(), "application/json", bearer(), json(tree),
                random.nextBoolean(), null);
    }

    private BadRequest unknownEnum(Body body) {
        ObjectNode tree = valid(body);
        if (body == Body.CREATE_SECRET) {
            tree.put("type", pick(List.of("aws", "OpenAI", "KEBOOLA", "keboola-token", "webhooks")));
            return body(Kind.UNKNOWN_ENUM, body, tree, "type");
        }
        switch (random.nextInt(4)) {
            case 0 -> tree.put("triggerPolicy", "sometimes");
            case 1 -> tree.put("triggerPolicy", "ALWAYS");
            case 2 -> tree.putObject("triggerPolicy").put("type", "never");
            default -> tree.putObject("triggerPolicy").put("type", "Always");
        }
        return body(Kind.UNKNOWN_ENUM, body, tree, "triggerPolicy");
    }

    /** A required field left out or sent as null; an update with nothing to change. */
    private BadRequest missingField(Body body) {
        ObjectNode tree = valid(body);
        if (body == Body.UPDATE_JOB) {
            ObjectNode empty = JSON.createObjectNode();
            if (random.nextBoolean()) {
                empty.putNull("name");
            }
            return body(Kind.MISSING_FIELD, body, empty, "body");
        }
        String field = pick(body == Body.CREATE_JOB ? REQUIRED_JOB_FIELDS : REQUIRED_SECRET_FIELDS);
        if (random.nextBoolean()) {
            tree.remove(field);
        } else {
            tree.putNull(field);
        }
        return body(Kind.MISSING_FIELD, body, tree, field);
    }

    private BadRequest unknownProperty(Body body) {
        ObjectNode tree = valid(body);
        String field = pick(switch (body) {
            case CREATE_JOB -> List.of("colour", "jobID", "batchIDs", "status", "version", "webhookURL", "keboola_config_id",
                    "triggerPolicy.extra");
            case UPDATE_JOB -> List.of("status", "generation", "jobId", "colour", "triggerPolicy.extra");
            case CREATE_SECRET -> List.of("description", "Name", "id", "secret");
        });
        if (field.equals("triggerPolicy.extra")) {
            tree.putObject("triggerPolicy").put("type", "always").put("extra", 1);
        } else {
            tree.put(field, pick(List.of("x", "paused", "1")));
        }
        return body(Kind.UNKNOWN_PROPERTY, body, tree, field);
    }

    /** Well-typed values the contract refuses: blank, out of range, repeated, a target off the allow-list, an unusable secret. */
    private BadRequest invalidValue(Body body) {
        ObjectNode tree = valid(body);
        List<Supplier<String>> faults = switch (body) {
            case CREATE_JOB -> List.of(
                    () -> set(tree, "name", pick(List.of("", "   "))),
                    () -> {
                        tree.putArray("batchIds");
                        return "batchIds";
                    },
                    () -> {
                        tree.putArray("batchIds").add("batch_1").add("batch_1");
                        return "batchIds[1]";
                    },
                    () -> {
                        tree.putArray("batchIds").add(pick(List.of("batch one", "batch/1", "bätch")));
                        return "batchIds[0]";
                    },
                    () -> set(tree, "jobId", pick(List.of("job one", "job/1", "jöb", "job?"))),
                    () -> {
                        tree.put("pollIntervalSeconds", pick(List.of(-1, 0, 9, 86_401)));
                        return "pollIntervalSeconds";
                    },
                    () -> set(tree, "keboolaStackUrl", pick(List.of("https://169.254.169.254/", "http://connection.keboola.com",
                            "https://evil.example.com", "ftp://connection.keboola.com", "https://user:pw@connection.keboola.com",
                            "not a url", "connection.keboola.com"))),
                    () -> set(tree, "deadline", pick(List.of("tomorrow", "2030-01-01", "2030-01-01T00:00:00"))),
                    () -> {
                        tree.putObject("triggerPolicy").put("type", "min_completed_ratio").put("minCompletedRatio", pick(List.of(0.0, 1.5, -0.2)));
                        return "triggerPolicy";
                    },
                    () -> {
                        tree.putObject("triggerPolicy").put("type", "always").put("minCompletedRatio", 0.5);
                        return "triggerPolicy";
                    },
                    () -> {
                        tree.put("webhookUrl", "https://hooks.keboola.com/x").put("webhookSecret", KEBOOLA_SECRET);
                        return "webhookUrl";
                    },
                    // 422: a secret that does not exist, or one of the wrong type
                    () -> set(tree, "openaiSecret", pick(List.of("no-such-secret", KEBOOLA_SECRET))),
                    () -> set(tree, "keboolaSecret", pick(List.of("no-such-secret", OPENAI_SECRET))));
            case UPDATE_JOB -> List.of(
                    () -> set(tree, "name", ""),
                    () -> {
                        tree.put("pollIntervalSeconds", pick(List.of(0, 9, 86_401)));
                        return "pollIntervalSeconds";
                    },
                    () -> {
                        tree.putArray("batchIds").add("batch_other");
                        return "batchIds";
                    },
                    () -> {
                        tree.put("clearDeadline", true).put("deadline", "2030-01-01T00:00:00Z");
                        return "clearDeadline";
                    },
                    () -> set(tree, "keboolaStackUrl", pick(List.of("https://10.0.0.1/", "http://connection.keboola.com"))),
                    () -> set(tree, "openaiSecret", "no-such-secret"));
            case CREATE_SECRET -> List.of(
                    () -> set(tree, "name", pick(List.of("bad name!", "", "secret/1"))),
                    () -> set(tree, "value", ""),
                    () -> set(tree, "baseUrl", pick(List.of("http://api.example.com", "not a url", "ftp://api.example.com"))),
                    // 409: the name is taken (delete it first), no single field at fault
                    () -> {
                        tree.put("name", pick(List.of(OPENAI_SECRET, KEBOOLA_SECRET)));
                        return null;
                    });
        };
        String field = pick(faults).get();
        return body(Kind.INVALID_VALUE, body, tree, field);
    }

    private static String set(ObjectNode tree, String field, String value) {
        tree.put(field, value);
        return field;
    }

    /** What a form, an XML or YAML client or a plain-text tool would send, with its own content type. */
    private BadRequest notJson(Body body) {
        String[][] bodies = {
                {"name=fuzzed&batchIds=batch_1&openaiSecret=" + OPENAI_SECRET, "application/x-www-form-urlencoded"},
                {"<job><name>fuzzed</name><batchIds>batch_1</batchIds></job>", "application/xml"},
                {"--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nfuzzed\r\n--b--\r\n", "multipart/form-data; boundary=b"},
                {"name: fuzzed\nbatchIds: [batch_1]\n", "application/yaml"},
                {"please create a job", "text/plain"}};
        String[] chosen = bodies[random.nextInt(bodies.length)];
        return body(Kind.NOT_JSON, body, utf8(chosen[0]), null, chosen[1]);
    }

    // ---- paths, queries, tokens, methods ----

    /** A path id outside {@code [A-Za-z0-9_.:-]{1,255}}, as it appears in the URL (percent-encoded where it must be). */
    private String invalidId() {
        return pick(List.of("x".repeat(256 + random.nextInt(300)), "job$1", "job%20one", "job%3Cscript%3E", "%C3%BCber",
                "a%2Fb", "..%2F..%2Fetc%2Fpasswd", "job%00", "job%5C1", "job*", "job'or'1'='1", "job%7C1", "job%3F1"));
    }

    /** Every route with an id in its path; a PUT carries a valid body, so the id is the only fault. */
    private BadRequest onIdRoute(Kind kind, String id) {
        int choice = random.nextInt(7);
        return switch (choice) {
            case 0 -> plain(kind, "GET", "/api/jobs/" + id);
            case 1 -> new BadRequest(kind, "PUT", "/api/jobs/" + id, "application/json", bearer(), json(valid(Body.UPDATE_JOB)), false, null);
            case 2 -> plain(kind, "DELETE", "/api/jobs/" + id);
            case 3 -> plain(kind, "POST", "/api/jobs/" + id + "/" + pick(ACTIONS));
            case 4 -> plain(kind, "GET", "/api/jobs/" + id + "/events");
            default -> plain(kind, "DELETE", pick(List.of("/api/secrets/", "/api/admin/secrets/")) + id);
        };
    }

    private BadRequest badQuery() {
        if (random.nextInt(3) == 0) {
            String limit = pick(List.of("-1", "0", "1001", "abc", "2.5", "", "1e2"));
            return new BadRequest(Kind.BAD_QUERY, "GET", "/api/jobs/" + pick(liveJobIds) + "/events?limit=" + limit, null, bearer(),
                    null, false, "limit");
        }
        String[][] params = {
                {"limit=-1", "limit"}, {"limit=0", "limit"}, {"limit=501", "limit"}, {"limit=abc", "limit"}, {"limit=1e2", "limit"},
                {"limit=", "limit"}, {"limit=2147483648", "limit"}, {"status=nope", "status"}, {"status=active,nope", "status"},
                {"status=ACTIVE", "status"}, {"status=completed%3Bdrop", "status"}, {"cursor=garbage", "cursor"},
                {"cursor=%21%21%21", "cursor"}, {"cursor=" + base64("v1|yesterday|job-1"), "cursor"},
                {"cursor=" + base64("v2|2026-01-01T00:00:00Z|job-1"), "cursor"}, {"cursor=" + base64("v1|2026-01-01T00:00:00Z|"), "cursor"}};
        String[] chosen = params[random.nextInt(params.length)];
        // sometimes after a valid parameter of another name (a repeated name would be read from its first value)
        String valid = pick(List.of("", "q=job&", "status=completed&", "limit=10&").stream()
                .filter(p -> p.isEmpty() || !p.startsWith(chosen[1] + "=")).toList());
        return new BadRequest(Kind.BAD_QUERY, "GET", "/api/jobs?" + valid + chosen[0], null, bearer(), null, false, chosen[1]);
    }

    /** A request that would succeed with the right token, sent with none or a wrong one. */
    private BadRequest badToken() {
        String live = pick(liveJobIds);
        Route route = pick(List.of(new Route("POST", "/api/jobs"), new Route("GET", "/api/jobs"), new Route("GET", "/api/jobs/" + live),
                new Route("PUT", "/api/jobs/" + live), new Route("DELETE", "/api/jobs/" + live),
                new Route("POST", "/api/jobs/" + live + "/" + pick(ACTIONS)), new Route("GET", "/api/jobs/" + live + "/events"),
                new Route("POST", "/api/secrets"), new Route("GET", "/api/secrets"), new Route("DELETE", "/api/secrets/" + OPENAI_SECRET),
                new Route("POST", "/api/admin/secrets"), new Route("GET", "/api/admin/secrets"),
                new Route("DELETE", "/api/admin/secrets/" + KEBOOLA_SECRET), new Route("GET", "/api/stats"), new Route("GET", "/metrics"),
                new Route("GET", "/openapi.json")));
        byte[] body = route.method().equals("POST") && route.path().equals("/api/jobs") ? json(valid(Body.CREATE_JOB))
                : route.method().equals("PUT") ? json(valid(Body.UPDATE_JOB))
                : route.method().equals("POST") && route.path().endsWith("secrets") ? json(valid(Body.CREATE_SECRET)) : null;
        String authorization = pick(List.of(
                "", "Bearer", "Bearer ", "Bearer wrong-" + random.nextInt(1_000_000), "Bearer " + token.substring(0, token.length() - 1),
                "Bearer " + token + "x", "Bearer " + token.toUpperCase(java.util.Locale.ROOT), token,
                "Basic " + Base64.getEncoder().encodeToString(("api:" + token).getBytes(StandardCharsets.UTF_8)), "Token " + token));
        return new BadRequest(Kind.BAD_TOKEN, route.method(), route.path(), body == null ? null : "application/json",
                authorization.isEmpty() ? null : authorization, body, false, null);
    }

    /** A method the route does not serve, with the token, on live jobs where the route has an id. */
    private BadRequest unsupportedMethod() {
        String live = pick(liveJobIds);
        Route route = pick(List.of(new Route("PATCH", "/api/jobs/" + live), new Route("POST", "/api/jobs/" + live),
                new Route("PATCH", "/api/jobs"), new Route("DELETE", "/api/jobs"), new Route("PUT", "/api/jobs"),
                new Route("GET", "/api/jobs/" + live + "/" + pick(ACTIONS)), new Route("PUT", "/api/jobs/" + live + "/" + pick(ACTIONS)),
                new Route("DELETE", "/api/jobs/" + live + "/" + pick(ACTIONS)), new Route("POST", "/api/jobs/" + live + "/events"),
                new Route("DELETE", "/api/jobs/" + live + "/events"), new Route("PUT", "/api/secrets"), new Route("DELETE", "/api/secrets"),
                new Route("PATCH", "/api/admin/secrets"), new Route("GET", "/api/secrets/" + OPENAI_SECRET),
                new Route("PUT", "/api/secrets/" + OPENAI_SECRET), new Route("POST", "/api/admin/secrets/" + KEBOOLA_SECRET),
                new Route("POST", "/api/health"), new Route("DELETE", "/api/health"), new Route("PUT", "/health/live"),
                new Route("POST", "/health/ready"), new Route("POST", "/api/stats"), new Route("DELETE", "/metrics"),
                new Route("POST", "/openapi.json"), new Route("PATCH", "/api/stats"), new Route("OPTIONS", "/api/jobs"),
                new Route("TRACE", "/api/jobs"), new Route("POST", "/"), new Route("DELETE", "/")));
        boolean withBody = List.of("POST", "PUT", "PATCH").contains(route.method());
        return new BadRequest(Kind.UNSUPPORTED_METHOD, route.method(), route.path(), withBody ? "application/json" : null, bearer(),
                withBody ? json(valid(Body.UPDATE_JOB)) : null, false, null);
    }

    private BadRequest plain(Kind kind, String method, String path) {
        return new BadRequest(kind, method, path, null, bearer(), null, false, null);
    }

    private String bearer() {
        return "Bearer " + token;
    }

    /** An id no valid job or secret of the run has. */
    private String fuzzId(String what) {
        return "fuzz-" + what + "-" + serial++ + "-" + random.nextInt(1_000_000);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(Object tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
