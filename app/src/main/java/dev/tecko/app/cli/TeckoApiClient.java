package dev.tecko.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The few calls the CLI makes to the REST API (docs/api.md); every non-2xx answer becomes an {@link ApiFailure}. */
final class TeckoApiClient {
    private static final MediaType JSON = MediaType.get("application/json");
    // Writes wait up to 10 s for the processor before the API answers 202; the read timeout must outlast that wait.
    private static final OkHttpClient HTTP = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(30));

    private final ApiEndpoint endpoint;

    TeckoApiClient(ApiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    ApiEndpoint endpoint() {
        return endpoint;
    }

    ApiAnswer get(HttpUrl url) {
        return execute(request(url).get());
    }

    ApiAnswer post(HttpUrl url, Object body) {
        return execute(request(url).post(RequestBody.create(toJson(body), JSON)));
    }

    /** The job actions carry everything in their path. */
    ApiAnswer post(HttpUrl url) {
        return execute(request(url).post(RequestBody.create(new byte[0])));
    }

    ApiAnswer delete(HttpUrl url) {
        return execute(request(url).delete());
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url)
                .header("Authorization", "Bearer " + endpoint.token())
                .header("Accept", "application/json");
    }

    private static byte[] toJson(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // only our own request records are written here
            throw new IllegalStateException("cannot write the request body as JSON", e);
        }
    }

    private ApiAnswer execute(Request.Builder request) {
        try (Response response = HTTP.newCall(request.build()).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw ApiFailure.problem(endpoint.url(), response.code(), Problem.parse(response.code(), response.message(), body));
            }
            return body.isBlank() ? ApiAnswer.empty(response.code()) : new ApiAnswer(response.code(), parse(response.code(), body));
        } catch (IOException e) {
            throw ApiFailure.unreachable(endpoint.url(), e);
        }
    }

    private JsonNode parse(int status, String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiFailure.unreadable(endpoint.url(), status, e.getOriginalMessage());
        }
    }
}
