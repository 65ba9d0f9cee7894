package dev.tecko.api.http;

import dev.tecko.schemas.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every failure as {@code application/problem+json}; unexpected ones as a bare 500, logged here only. */
public final class ProblemResponses {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    public static void write(Context ctx, ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().uri());
        body.put("title", problem.type().title());
        body.put("status", problem.type().status());
        if (problem.getMessage() != null) {
            body.put("detail", problem.getMessage());
        }
        body.put("instance", ctx.path());
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        body.putAll(problem.extra());
        if (problem.type() == ProblemType.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        try {
            ctx.status(problem.type().status()).contentType(CONTENT_TYPE).result(Json.mapper().writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Javalin's own refusals (e.g. a body over its size limit) in the same format. */
    public static void writeJavalin(Context ctx, HttpResponseException e) {
        ProblemType type = switch (e.getStatus()) {
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 404 -> ProblemType.NOT_FOUND;
            case 401 -> ProblemType.UNAUTHORIZED;
            default -> e.getStatus() >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
        };
        write(ctx, new ApiProblem(type, type == ProblemType.INTERNAL ? null : e.getMessage()));
    }

    public static void writeUnexpected(Context ctx, Exception e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        write(ctx, new ApiProblem(ProblemType.INTERNAL, null));
    }
}
