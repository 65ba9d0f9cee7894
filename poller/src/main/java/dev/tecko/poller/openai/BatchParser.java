package dev.tecko.poller.openai;

import static dev.tecko.poller.provider.ProviderJson.cut;
import static dev.tecko.poller.provider.ProviderJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderJson;
import dev.tecko.poller.provider.ProviderJson.MalformedException;
import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.InvalidContractException;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAI batch objects and list pages. Tolerant where OpenAI and compatible servers differ: unknown fields are
 * ignored, optional fields may be missing or null, empty file ids ({@code ""}) mean none, and over-long texts are cut.
 */
public final class BatchParser {
    private BatchParser() {
    }

    public static ProviderBatch batch(byte[] body) throws MalformedException {
        return batch(ProviderJson.object(body));
    }

    public static BatchPage page(byte[] body) throws MalformedException {
        return ProviderJson.dataPage(body, BatchParser::batch);
    }

    static ProviderBatch batch(JsonNode node) throws MalformedException {
        if (node == null || !node.isObject()) {
            throw new MalformedException("batch is not a JSON object");
        }
        String id = text(node, "id");
        String status = text(node, "status");
        if (id == null || status == null) {
            throw new MalformedException("batch object lacks id or status");
        }
        try {
            Check.id(id, "id");
            BatchStatus parsed = BatchStatus.fromWire(status);
            if (parsed == BatchStatus.PENDING || parsed == BatchStatus.TIMED_OUT) {
                throw new MalformedException("batch status '" + status + "' is not one OpenAI reports");
            }
            JsonNode errorData = errorData(node.get("errors"));
            List<BatchError> errors = errors(errorData);
            int dropped = errorData == null ? 0 : Math.max(0, errorData.size() - errors.size());
            return new ProviderBatch(id, parsed, counts(node.get("request_counts")), fileId(node, "output_file_id", Check.MAX_NAME),
                    fileId(node, "error_file_id", Check.MAX_NAME), errors, timestamps(node), metadata(node.get("metadata")), dropped,
                    usage(node.get("usage")), cut(text(node, "model"), Check.MAX_NAME), Provider.OPENAI, status);
        } catch (InvalidContractException e) {
            throw new MalformedException("batch object is invalid: " + e.getMessage());
        }
    }

    private static final int MAX_METADATA_PAIRS = 16;

    private static RequestCounts counts(JsonNode node) {
        if (node == null || !node.isObject()) {
            return RequestCounts.NONE;
        }
        return new RequestCounts(count(node, "total"), count(node, "completed"), count(node, "failed"));
    }

    /**
     * OpenAI's {@code usage} ({@code input_tokens}, {@code output_tokens}, {@code total_tokens} and the cached and reasoning
     * details), filled in for batches created since September 2025. Absent, null, or without its three totals as
     * non-negative whole numbers: no usage (null), never zeros. Missing details count 0.
     */
    static TokenUsage usage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        long input = tokens(node.get("input_tokens"));
        long output = tokens(node.get("output_tokens"));
        long total = tokens(node.get("total_tokens"));
        if (input < 0 || output < 0 || total < 0) {
            return null;
        }
        long cached = Math.max(0, tokens(node.path("input_tokens_details").get("cached_tokens")));
        long reasoning = Math.max(0, tokens(node.path("output_tokens_details").get("reasoning_tokens")));
        return new TokenUsage(input, output, total, cached, reasoning);
    }

    /** A count of tokens, or -1 when the field is missing or not a non-negative whole number. */
    private static long tokens(JsonNode value) {
        return value != null && value.canConvertToExactIntegral() && value.canConvertToLong() && value.asLong() >= 0
                ? value.asLong() : -1;
    }

    private static int count(JsonNode node, String field) {
        return Math.max(0, node.path(field).asInt(0));
    }

    /** The array of error entries ({@code errors.data}, or a bare array from some compatible servers), or null. */
    private static JsonNode errorData(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode data = node.isArray() ? node : node.get("data");
        return data != null && data.isArray() ? data : null;
    }

    /**
     * The first {@link BatchObservation#MAX_ERRORS} entries, each text capped: a failed batch can list thousands (about
     * 3 KB each), which would make an observation too large for the broker and the job never finish.
     */
    private static List<BatchError> errors(JsonNode data) {
        if (data == null) {
            return List.of();
        }
        List<BatchError> errors = new ArrayList<>();
        for (JsonNode e : data) {
            if (errors.size() == BatchObservation.MAX_ERRORS) {
                break;
            }
            if (!e.isObject()) {
                continue;
            }
            JsonNode line = e.get("line");
            errors.add(new BatchError(cut(text(e, "code"), Check.MAX_NAME), cut(text(e, "message"), Check.MAX_TEXT), cut(text(e, "param"), Check.MAX_NAME),
                    line != null && line.canConvertToInt() ? line.intValue() : null));
        }
        return errors;
    }

    private static ProviderTimestamps timestamps(JsonNode node) {
        return new ProviderTimestamps(instant(node, "created_at"), instant(node, "in_progress_at"), instant(node, "finalizing_at"),
                instant(node, "completed_at"), instant(node, "failed_at"), instant(node, "expired_at"),
                instant(node, "cancelling_at"), instant(node, "cancelled_at"), instant(node, "expires_at"));
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() && value.asLong() > 0 ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    /** OpenAI's own limits (16 pairs, keys of 64 and values of 512 characters), enforced on what compatible servers send. */
    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (var e : node.properties()) {
                if (metadata.size() == MAX_METADATA_PAIRS) {
                    break;
                }
                if (!e.getValue().isNull()) {
                    metadata.put(cut(e.getKey(), 64), cut(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString(), 512));
                }
            }
        }
        return metadata;
    }

    private static String fileId(JsonNode node, String field, int max) {
        String value = text(node, field);
        return value == null || value.isBlank() ? null : cut(value, max);
    }
}
