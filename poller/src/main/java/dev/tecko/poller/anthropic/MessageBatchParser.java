package dev.tecko.poller.anthropic;

import static dev.tecko.poller.provider.ProviderJson.count;
import static dev.tecko.poller.provider.ProviderJson.cut;
import static dev.tecko.poller.provider.ProviderJson.rfc3339;
import static dev.tecko.poller.provider.ProviderJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderJson;
import dev.tecko.poller.provider.ProviderJson.MalformedException;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.InvalidContractException;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RequestCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads Anthropic Message Batch objects ({@code "type": "message_batch"}) and list pages, and maps them (the table is
 * in poller/README.md): {@code in_progress} → in_progress, {@code canceling} → cancelling, {@code ended} → cancelled
 * when requests were canceled, else expired when requests expired, else completed. Counts: total = all five,
 * completed = succeeded, failed = errored (canceled and expired requests are neither, as in an OpenAI batch that ends
 * early), so an {@code ended} batch whose every request errored is completed with failed == total.
 */
public final class MessageBatchParser {
    private MessageBatchParser() {
    }

    public static ProviderBatch batch(byte[] body) throws MalformedException {
        return batch(ProviderJson.object(body));
    }

    /** {@code {"data": [...], "has_more": …, "first_id": …, "last_id": …}}, newest first. */
    public static BatchPage page(byte[] body) throws MalformedException {
        return ProviderJson.dataPage(body, MessageBatchParser::batch);
    }

    static ProviderBatch batch(JsonNode node) throws MalformedException {
        if (node == null || !node.isObject()) {
            throw new MalformedException("message batch is not a JSON object");
        }
        String id = text(node, "id");
        String processing = text(node, "processing_status");
        if (id == null || processing == null) {
            throw new MalformedException("message batch lacks id or processing_status");
        }
        try {
            Check.id(id, "id");
        } catch (InvalidContractException e) {
            throw new MalformedException("message batch is invalid: " + e.getMessage());
        }
        JsonNode counts = node.path("request_counts");
        int processingCount = count(counts, "processing");
        int succeeded = count(counts, "succeeded");
        int errored = count(counts, "errored");
        int canceled = count(counts, "canceled");
        int expired = count(counts, "expired");
        BatchStatus status = status(processing, canceled, expired);
        long total = (long) processingCount + succeeded + errored + canceled + expired;
        var requestCounts = new RequestCounts((int) Math.min(Integer.MAX_VALUE, total), succeeded, errored);
        return new ProviderBatch(id, status, requestCounts, cut(text(node, "results_url"), Check.MAX_NAME), null, List.of(),
                timestamps(node, status), Map.of(), 0, null, null, Provider.ANTHROPIC, processing);
    }

    static BatchStatus status(String processing, int canceled, int expired) throws MalformedException {
        return switch (processing) {
            case "in_progress" -> BatchStatus.IN_PROGRESS;
            case "canceling" -> BatchStatus.CANCELLING;
            case "ended" -> canceled > 0 ? BatchStatus.CANCELLED : expired > 0 ? BatchStatus.EXPIRED : BatchStatus.COMPLETED;
            default -> throw new MalformedException("processing_status '" + cut(processing, 64) + "' is not one Anthropic reports");
        };
    }

    /** created_at, cancel_initiated_at and expires_at as they are; ended_at as the instant of the terminal status. */
    private static ProviderTimestamps timestamps(JsonNode node, BatchStatus status) {
        Instant created = rfc3339(node, "created_at");
        Instant ended = rfc3339(node, "ended_at");
        return new ProviderTimestamps(created, created, null,
                status == BatchStatus.COMPLETED ? ended : null, null,
                status == BatchStatus.EXPIRED ? ended : null,
                rfc3339(node, "cancel_initiated_at"),
                status == BatchStatus.CANCELLED ? ended : null,
                rfc3339(node, "expires_at"));
    }
}
