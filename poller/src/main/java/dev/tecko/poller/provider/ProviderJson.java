package dev.tecko.poller.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading what batch APIs answer, tolerantly: what every provider's parser shares. */
public final class ProviderJson {
    private ProviderJson() {
    }

    /** The body as a JSON object. */
    public static JsonNode object(byte[] body) throws MalformedException {
        try {
            JsonNode root = Json.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedException("response is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new MalformedException("response is not JSON");
        }
    }

    /** A scalar field as text; null when missing, null or a container. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    public static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /**
     * A count: a number or, as Google writes int64 values, a string of digits; held at {@code Integer.MAX_VALUE}; 0 when
     * missing or not a non-negative whole number.
     */
    public static int count(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || !value.matches("\\d{1,18}")) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(value));
    }

    /** An RFC 3339 instant ({@code 2024-09-24T18:37:24.100435Z}, any offset); null when missing or unreadable. */
    public static Instant rfc3339(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads one batch out of a JSON node: each provider's own parser. */
    @FunctionalInterface
    public interface BatchReader {
        ProviderBatch read(JsonNode node) throws MalformedException;
    }

    /**
     * A list page of the shape OpenAI and Anthropic share: {@code data} (the batches, newest first), {@code has_more},
     * {@code last_id} (the cursor for the next page; the last batch's id when missing).
     */
    public static BatchPage dataPage(byte[] body, BatchReader reader) throws MalformedException {
        JsonNode root = object(body);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new MalformedException("list response has no data array");
        }
        List<ProviderBatch> batches = new ArrayList<>();
        for (JsonNode item : data) {
            batches.add(reader.read(item));
        }
        String lastId = text(root, "last_id");
        if (lastId == null && !batches.isEmpty()) {
            lastId = batches.get(batches.size() - 1).id();
        }
        return new BatchPage(batches, root.path("has_more").asBoolean(false), lastId);
    }

    /** The body was not what the provider's API describes. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message, null, false, false);
        }
    }
}
