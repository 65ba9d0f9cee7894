package dev.tecko.dispatcher.webhook;

import dev.tecko.dispatcher.http.HttpFailures;
import dev.tecko.dispatcher.http.PermanentDeliveryException;
import dev.tecko.platform.webhooks.StandardWebhooks;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts a trigger as JSON to a webhook, signed the Standard Webhooks way with the target's secret. {@code webhook-id}
 * is the trigger id, so a receiver that de-duplicates on it (as the scheme asks) sees a re-delivery as the same message.
 */
public final class WebhookClient {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final Clock clock;

    public WebhookClient(OkHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** @return the 2xx status the webhook answered */
    public int deliver(TriggerCommand trigger, String signingSecret) {
        StandardWebhooks signer;
        try {
            signer = new StandardWebhooks(signingSecret);
        } catch (IllegalArgumentException e) {
            // the message names the problem without repeating the secret
            throw new PermanentDeliveryException("secret '" + trigger.target().secret() + "': " + e.getMessage(), null);
        }
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(trigger);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the trigger", e);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpUrl url = HttpUrl.get(trigger.target().url());
        Request request = new Request.Builder().url(url)
                .header(StandardWebhooks.ID_HEADER, trigger.triggerId())
                .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(StandardWebhooks.SIGNATURE_HEADER, signer.sign(trigger.triggerId(), timestamp, body))
                .post(RequestBody.create(body, JSON))
                .build();
        String what = "POST " + url.newBuilder().query(null).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw HttpFailures.fromResponse(what, response.code(), response.header("Retry-After"), response.body().string(),
                        signingSecret, clock);
            }
            return response.code();
        } catch (IOException e) {
            throw HttpFailures.fromIo(what, e);
        }
    }
}
