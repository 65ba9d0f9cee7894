package dev.tecko.api;

import static dev.tecko.api.ApiFixture.keboolaJob;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.kafka.TopicTail;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The secrets routes, and that a secret's value never leaves the API in plain text: not in answers, topics or logs. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretRoutesIT {
    private static final String VALUE = "sk-proj-THE-VALUE-nobody-may-see-0123456789";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<ApiFixture.Response> responses = new ArrayList<>();
    private EmbeddedKafka kafka;
    private ApiFixture api;

    @BeforeAll
    void start(EmbeddedKafka kafka, @TempDir Path stateDir) {
        this.kafka = kafka;
        logs.start();
        root().addAppender(logs);
        api = ApiFixture.start(kafka, stateDir, Map.of());
    }

    @AfterAll
    void stop() {
        api.close();
        root().detachAppender(logs);
    }

    @Test
    void givenASecret_whenCreatedListedAndDeleted_thenOnlyItsDescriptionIsEverShown() {
        var created = track(api.post("/api/secrets", "{\"name\":\"openai-prod\",\"type\":\"openai\",\"value\":\"" + VALUE
                + "\",\"baseUrl\":\"https://api.openai.com/v1\"}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/secrets/openai-prod");
        assertThat(created.json().get("name").asText()).isEqualTo("openai-prod");
        assertThat(created.json().get("type").asText()).isEqualTo("openai");
        assertThat(created.json().get("baseUrl").asText()).isEqualTo("https://api.openai.com/v1");
        assertThat(created.json().has("createdAt")).isTrue();

        var listed = track(api.get("/api/secrets"));
        assertThat(listed.json().get("total").asInt()).isEqualTo(1);
        assertThat(listed.json().get("secrets").get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("name", "type", "baseUrl", "createdAt");
        assertThat(track(api.get("/api/admin/secrets")).json()).isEqualTo(listed.json());

        var duplicate = track(api.post("/api/admin/secrets", "{\"name\":\"openai-prod\",\"type\":\"openai\",\"value\":\"" + VALUE + "\"}"));
        assertThat(duplicate.status()).isEqualTo(409);

        assertThat(track(api.delete("/api/admin/secrets/openai-prod")).status()).isEqualTo(204);
        assertThat(track(api.get("/api/secrets")).json().get("total").asInt()).isZero();
        assertThat(track(api.delete("/api/secrets/openai-prod")).status()).isEqualTo(404);
        assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain(VALUE));
    }

    @Test
    void givenInvalidSecrets_whenCreated_thenEveryFieldIsNamedWithoutTheValue() {
        var response = track(api.post("/api/secrets", "{\"name\":\"bad name\",\"type\":\"aws\",\"value\":\"" + VALUE
                + "\",\"baseUrl\":\"http://api.openai.com\",\"values\":\"x\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("name", "type", "baseUrl", "values");
        assertThat(response.body()).doesNotContain(VALUE);
        var tooLong = track(api.post("/api/secrets", "{\"name\":\"long\",\"type\":\"openai\",\"value\":\"" + "v".repeat(65_537) + "\"}"));
        assertThat(tooLong.json().get("errors").findValuesAsText("field")).containsExactly("value");
    }

    @Test
    void givenAnOpenAiSecretForAHostNobodyAllowed_whenCreated_then400NamesTheBaseUrl() {
        var response = track(api.post("/api/secrets", "{\"name\":\"elsewhere\",\"type\":\"openai\",\"value\":\"" + VALUE
                + "\",\"baseUrl\":\"https://llm.internal.example/v1\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("baseUrl");
        assertThat(response.json().get("errors").findValuesAsText("message")).singleElement().asString()
                .contains("llm.internal.example is not on the allow-list (api.openai.com, *.openai.azure.com)");
        assertThat(response.body()).doesNotContain(VALUE);
    }

    @Test
    void givenAnthropicAndGeminiSecrets_whenCreated_thenEachBaseUrlIsCheckedAgainstItsOwnProvidersHosts() {
        assertThat(track(api.post("/api/secrets", "{\"name\":\"claude\",\"type\":\"anthropic\",\"value\":\"" + VALUE
                + "\",\"baseUrl\":\"https://api.anthropic.com/v1\"}")).status()).isEqualTo(201);
        assertThat(track(api.post("/api/secrets", "{\"name\":\"gemini\",\"type\":\"gemini\",\"value\":\"" + VALUE
                + "\"}")).status()).isEqualTo(201);

        // an Anthropic key is not sent to OpenAI's host, nor a Gemini key to Anthropic's
        var anthropicToOpenAi = track(api.post("/api/secrets", "{\"name\":\"claude-2\",\"type\":\"anthropic\",\"value\":\""
                + VALUE + "\",\"baseUrl\":\"https://api.openai.com/v1\"}"));
        var geminiToAnthropic = track(api.post("/api/secrets", "{\"name\":\"gemini-2\",\"type\":\"gemini\",\"value\":\""
                + VALUE + "\",\"baseUrl\":\"https://api.anthropic.com/v1\"}"));
        assertThat(anthropicToOpenAi.status()).isEqualTo(400);
        assertThat(anthropicToOpenAi.json().get("errors").findValuesAsText("message")).singleElement().asString()
                .contains("not on the allow-list (api.anthropic.com)");
        assertThat(geminiToAnthropic.status()).isEqualTo(400);
        assertThat(geminiToAnthropic.json().get("errors").findValuesAsText("message")).singleElement().asString()
                .contains("not on the allow-list (generativelanguage.googleapis.com)");
        assertThat(anthropicToOpenAi.body() + geminiToAnthropic.body()).doesNotContain(VALUE);
    }

    @Test
    void givenASecretAJobUses_whenDeleted_then409NamesTheJobAndTheSecretStays() {
        api.secret("openai", "openai");
        api.secret("kbc", "keboola");
        assertThat(api.post("/api/jobs", keboolaJob("user-1", "uses kbc", "b1")).status()).isEqualTo(201);

        var refused = track(api.delete("/api/secrets/kbc"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("jobs").get(0).asText()).isEqualTo("user-1");
        assertThat(api.get("/api/secrets").json().get("secrets").findValuesAsText("name")).contains("kbc");
        api.post("/api/jobs/user-1/cancel", "");
        assertThat(track(api.delete("/api/secrets/kbc")).status()).as("a cancelled job no longer holds it").isEqualTo(204);
    }

    @Test
    void givenASecretWasStored_whenReadingEveryTopicAndTheLogs_thenTheValueIsNowhereButDecryptableWithTheKey() throws Exception {
        String value = VALUE + "-topic";
        track(api.post("/api/secrets", "{\"name\":\"leak-check\",\"type\":\"keboola\",\"value\":\"" + value + "\"}"));

        List<String> everything = new CopyOnWriteArrayList<>();
        List<EncryptedSecret> stored = new CopyOnWriteArrayList<>();
        Topic<String, EncryptedSecret> secrets = api.topics.secrets();
        try (var tail = TopicTail.strings(api.config.kafka(), api.topics.all().stream().map(Topic::name).toList(), "leak-check", r -> {
            everything.add(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8));
            if (r.topic().equals(secrets.name()) && "leak-check".equals(r.key()) && r.value() != null) {
                stored.add(secrets.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            }
        })) {
            assertThat(tail.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(stored).hasSize(1);
        assertThat(everything).isNotEmpty().noneMatch(text -> text.contains(value) || text.contains(VALUE));
        var cipher = new SecretCipher(MasterKey.from(api.config).orElseThrow());
        assertThat(cipher.decrypt(stored.get(0)).value()).isEqualTo(value);
        assertThat(stored.get(0).keyId()).isEqualTo(MasterKey.from(api.config).orElseThrow().id());
        assertThat(logs.list).isNotEmpty().noneMatch(e -> e.getFormattedMessage().contains("sk-proj")
                || (e.getThrowableProxy() != null && ThrowableProxyUtil.asString(e.getThrowableProxy()).contains("sk-proj")));
    }

    private ApiFixture.Response track(ApiFixture.Response response) {
        responses.add(response);
        return response;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
