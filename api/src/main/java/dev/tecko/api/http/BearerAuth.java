package dev.tecko.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;

/**
 * Demands {@code Authorization: Bearer <token>} on every request the predicate says is protected. The comparison takes
 * the same time however much of the token matches, so the token cannot be guessed byte by byte.
 */
public final class BearerAuth implements Handler {
    private static final String PREFIX = "Bearer ";

    private final byte[] expected;
    private final Predicate<Context> protectedRequest;

    public BearerAuth(String token, Predicate<Context> protectedRequest) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
        this.protectedRequest = protectedRequest;
    }

    @Override
    public void handle(Context ctx) {
        if (!protectedRequest.test(ctx)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, "an Authorization: Bearer token is required");
        }
        byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, "the bearer token is not valid");
        }
    }
}
