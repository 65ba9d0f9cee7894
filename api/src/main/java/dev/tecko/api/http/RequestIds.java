package dev.tecko.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.UUID;
import java.util.regex.Pattern;

/** Every response carries {@code X-Request-Id}: the client's own when it sent a sane one, else a new one. */
public final class RequestIds implements Handler {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void handle(Context ctx) {
        String given = ctx.header(HEADER);
        ctx.header(HEADER, given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString());
    }
}
