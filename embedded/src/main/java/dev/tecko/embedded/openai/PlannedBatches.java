package dev.tecko.embedded.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.tecko.embedded.SandboxHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /sandbox/batches}: a batch with a planned outcome, so a user of {@code tecko up --sandbox} can try a job
 * of their own ({@code tecko sandbox batch add}). The body: {@code {"id": optional, "outcome": "completed" | "failed" |
 * "expired" | "cancelled", "afterSeconds": 30, "requests": 100, "failedRequests": 0, "metadata": {"run": "nightly"}}}
 * ({@code metadata}: optional string pairs within OpenAI's bounds, what a tagged job finds its batches by). Answers 201
 * with the batch id, 400 naming the field at fault, 409 when the id exists. The sandbox listens on loopback only, so this needs no key.
 */
final class PlannedBatches {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/sandbox/batches";

    private PlannedBatches() {
    }

    static void handle(HttpExchange exchange, SandboxBatchApi sandbox) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":{\"message\":\"POST a planned batch here\"}}");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                answer(exchange, 400, error("body", "is not JSON"));
                return;
            }
            if (body == null || !body.isObject()) {
                answer(exchange, 400, error("body", "must be a JSON object"));
                return;
            }
            String id = body.hasNonNull("id") ? body.get("id").asText() : "batch_sandbox_" + HexFormat.of().formatHex(random(6));
            if (!id.matches("[A-Za-z0-9_.:-]{1,255}")) {
                answer(exchange, 400, error("id", "must be 1 to 255 of letters, digits, '_', '.', ':' or '-'"));
                return;
            }
            BatchPlan plan;
            try {
                plan = plan(body);
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, e.getMessage());
                return;
            }
            Map<String, String> metadata;
            try {
                metadata = metadata(body.get("metadata"));
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, error("metadata", e.getMessage()));
                return;
            }
            try {
                sandbox.createBatch(id, plan, metadata);
            } catch (IllegalArgumentException exists) {
                answer(exchange, 409, error("id", "batch " + id + " exists already"));
                return;
            }
            answer(exchange, 201, JSON.createObjectNode().put("id", id).put("outcome", plan.ending().name().toLowerCase(Locale.ROOT))
                    .toString());
        }
    }

    private static BatchPlan plan(JsonNode body) {
        String outcome = body.path("outcome").asText("completed");
        int after = number(body, "afterSeconds", 30, 1, 86_400);
        int requests = number(body, "requests", 100, 0, 50_000);
        int failed = number(body, "failedRequests", 0, 0, requests);
        Duration total = Duration.ofSeconds(after);
        BatchPlan plan = switch (outcome) {
            case "completed" -> BatchPlan.completesAfter(total, requests);
            case "failed" -> BatchPlan.failsValidation(total);
            case "expired" -> BatchPlan.expiresAfter(total, requests);
            case "cancelled" -> BatchPlan.cancelledAfter(total, requests);
            default -> throw new IllegalArgumentException(error("outcome", "must be completed, failed, expired or cancelled"));
        };
        return failed == 0 || "failed".equals(outcome) ? plan : plan.withFailedRequests(failed);
    }

    /** String pairs in the order sent; anything else is refused here, before the batch exists. */
    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return pairs;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an object of string values");
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var pair = it.next();
            if (!pair.getValue().isTextual()) {
                throw new IllegalArgumentException("must be an object of string values");
            }
            pairs.put(pair.getKey(), pair.getValue().asText());
        }
        BatchMetadata.check(pairs).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return pairs;
    }

    private static int number(JsonNode body, String field, int otherwise, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new IllegalArgumentException(error(field, "must be a whole number from " + min + " to " + max));
        }
        return value.asInt();
    }

    private static String error(String field, String message) {
        return JSON.createObjectNode().set("error", JSON.createObjectNode().put("param", field).put("message", field + ": " + message))
                .toString();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        SandboxHttp.sendJson(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
