package dev.tecko.api.http;

import dev.tecko.schemas.json.Json;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before Javalin sees them (e.g. a {@code %00} in the path) get a problem document like every
 * other refusal, instead of Jetty's HTML page, and say that the connection closes, so a client does not reuse it.
 */
public final class RefusedRequestHandler implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus() >= 400 ? response.getStatus() : HttpStatus.BAD_REQUEST_400;
        Map<String, Object> body = new LinkedHashMap<>();
        ProblemType type = status >= 500 ? ProblemType.INTERNAL : ProblemType.MALFORMED_REQUEST;
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", status);
        if (status < 500 && request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String message) {
            body.put("detail", "the request cannot be read: " + message);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(Json.mapper().writeValueAsBytes(body)), callback);
        return true;
    }
}
