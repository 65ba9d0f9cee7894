package dev.tecko.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.schemas.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads a request body as a JSON object, refusing bodies over {@link #MAX_BYTES} however they are sent. */
public final class JsonBody {
    public static final int MAX_BYTES = 1 << 20;

    private JsonBody() {
    }

    /** Refuses a declared length over the limit before anything is read. */
    public static void checkDeclaredLength(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
    }

    public static ObjectNode object(Context ctx) {
        return parse(ctx, false);
    }

    /** As {@link #object}, but no body at all (what the job actions have always been sent) reads as {@code {}}. */
    public static ObjectNode optionalObject(Context ctx) {
        return parse(ctx, true);
    }

    private static ObjectNode parse(Context ctx, boolean emptyIsObject) {
        checkDeclaredLength(ctx);
        byte[] bytes;
        try {
            // a chunked body declares no length: read one byte past the limit to tell
            bytes = ctx.req().getInputStream().readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (emptyIsObject && new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Json.mapper().createObjectNode();
        }
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            // only the position: Jackson's message quotes the body, which may hold a secret value
            var at = e.getLocation();
            throw new ApiProblem(ProblemType.MALFORMED_BODY, "the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new ApiProblem(ProblemType.MALFORMED_BODY, "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, "request bodies are limited to " + MAX_BYTES + " bytes");
    }
}
