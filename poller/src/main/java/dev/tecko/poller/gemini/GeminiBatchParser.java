package dev.tecko.poller.gemini;

import static dev.tecko.poller.provider.ProviderJson.count;
import static dev.tecko.poller.provider.ProviderJson.cut;
import static dev.tecko.poller.provider.ProviderJson.rfc3339;
import static dev.tecko.poller.provider.ProviderJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderJson;
import dev.tecko.poller.provider.ProviderJson.MalformedException;
import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.InvalidContractException;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RequestCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Gemini batches. {@code GET /v1beta/batches/{id}} answers a long-running operation: {@code name}, {@code done},
 * {@code error} and, in {@code metadata} ({@code @type …GenerateContentBatch}), the batch: {@code state},
 * {@code batchStats}, {@code createTime}, {@code endTime}, {@code model}, {@code output}; a bare GenerateContentBatch
 * is read as well. {@code state} is {@code BATCH_STATE_*} (the REST API) or {@code JOB_STATE_*} (as the SDKs show it);
 * the table is in poller/README.md. Counts are int64, written as strings. The batch id is the name without
 * {@code batches/}.
 */
public final class GeminiBatchParser {
    static final String NAME_PREFIX = "batches/";

    private GeminiBatchParser() {
    }

    public static ProviderBatch batch(byte[] body) throws MalformedException {
        return batch(ProviderJson.object(body));
    }

    /** {@code {"operations": [...], "nextPageToken": …}} ({@code batches} is read too); the token is the next page's cursor. */
    public static BatchPage page(byte[] body) throws MalformedException {
        JsonNode root = ProviderJson.object(body);
        JsonNode data = root.has("operations") ? root.get("operations") : root.get("batches");
        if (data == null || data.isNull()) {
            data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(); // Google leaves empty lists out
        }
        if (!data.isArray()) {
            throw new MalformedException("list response has no operations array");
        }
        List<ProviderBatch> batches = new ArrayList<>();
        for (JsonNode item : data) {
            batches.add(batch(item));
        }
        String token = text(root, "nextPageToken");
        boolean more = token != null && !token.isEmpty();
        return new BatchPage(batches, more, more ? token : null);
    }

    static ProviderBatch batch(JsonNode operation) throws MalformedException {
        if (operation == null || !operation.isObject()) {
            throw new MalformedException("batch is not a JSON object");
        }
        JsonNode batch = operation.path("metadata").has("state") ? operation.get("metadata") : operation;
        String name = text(operation, "name") != null ? text(operation, "name") : text(batch, "name");
        String state = text(batch, "state");
        if (name == null || state == null) {
            throw new MalformedException("batch lacks name or state");
        }
        String id = name.startsWith(NAME_PREFIX) ? name.substring(NAME_PREFIX.length()) : name;
        try {
            Check.id(id, "name");
        } catch (InvalidContractException e) {
            throw new MalformedException("batch is invalid: " + e.getMessage());
        }
        BatchStatus status = status(state);
        JsonNode stats = batch.path("batchStats");
        int succeeded = count(stats, "successfulRequestCount");
        int failed = count(stats, "failedRequestCount");
        int total = stats.has("requestCount") ? count(stats, "requestCount")
                : (int) Math.min(Integer.MAX_VALUE, (long) succeeded + failed + count(stats, "pendingRequestCount"));
        String output = text(batch.path("output"), "responsesFile");
        if (output == null) {
            output = text(operation.path("response"), "responsesFile");
        }
        String displayName = text(batch, "displayName");
        return new ProviderBatch(id, status, new RequestCounts(total, succeeded, failed), cut(output, Check.MAX_NAME), null,
                errors(operation.get("error")), timestamps(batch, status),
                displayName == null ? Map.of() : Map.of("displayName", cut(displayName, 512)), 0, null,
                cut(text(batch, "model"), Check.MAX_NAME), Provider.GEMINI, state);
    }

    static BatchStatus status(String state) throws MalformedException {
        String bare = state.startsWith("BATCH_STATE_") ? state.substring("BATCH_STATE_".length())
                : state.startsWith("JOB_STATE_") ? state.substring("JOB_STATE_".length()) : "";
        return switch (bare) {
            case "PENDING", "QUEUED" -> BatchStatus.VALIDATING;
            case "RUNNING", "PAUSED", "UPDATING" -> BatchStatus.IN_PROGRESS;
            case "SUCCEEDED", "PARTIALLY_SUCCEEDED" -> BatchStatus.COMPLETED;
            case "FAILED" -> BatchStatus.FAILED;
            case "CANCELLING" -> BatchStatus.CANCELLING;
            case "CANCELLED" -> BatchStatus.CANCELLED;
            case "EXPIRED" -> BatchStatus.EXPIRED;
            default -> throw new MalformedException("state '" + cut(state, 64) + "' is not one Gemini reports");
        };
    }

    /** The operation's {@code error} ({@code google.rpc.Status}: code, message) as the one batch error. */
    private static List<BatchError> errors(JsonNode error) {
        if (error == null || !error.isObject()) {
            return List.of();
        }
        String code = text(error, "status") != null ? text(error, "status") : text(error, "code");
        return List.of(new BatchError(cut(code, Check.MAX_NAME), cut(text(error, "message"), Check.MAX_TEXT), null, null));
    }

    private static ProviderTimestamps timestamps(JsonNode batch, BatchStatus status) {
        Instant created = rfc3339(batch, "createTime");
        Instant ended = rfc3339(batch, "endTime");
        return new ProviderTimestamps(created, null, null,
                status == BatchStatus.COMPLETED ? ended : null,
                status == BatchStatus.FAILED ? ended : null,
                status == BatchStatus.EXPIRED ? ended : null,
                null,
                status == BatchStatus.CANCELLED ? ended : null,
                null);
    }
}
