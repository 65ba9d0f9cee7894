package dev.tecko.api.secrets;

import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.FieldReader;
import dev.tecko.api.http.JsonBody;
import dev.tecko.api.http.ProblemType;
import dev.tecko.api.kafka.RecordWriter;
import dev.tecko.api.views.JobStatusView;
import dev.tecko.api.views.SecretsView;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topic;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST/GET /api/secrets}, {@code DELETE /api/secrets/{name}} (and the same under {@code /api/admin/secrets}):
 * values are encrypted here, written to the compacted {@code secrets} topic, and never returned.
 */
public final class SecretRoutes {
    public static final List<String> PREFIXES = List.of("/api/secrets", "/api/admin/secrets");
    public static final int MAX_VALUE_LENGTH = 65_536;
    private static final Set<JobStatus> USING = EnumSet.of(JobStatus.ACTIVE, JobStatus.PAUSED, JobStatus.TRIGGERING);

    private final SecretsView secrets;
    private final JobStatusView jobs;
    private final SecretCipher cipher;
    private final RecordWriter writer;
    private final Topic<String, EncryptedSecret> topic;
    private final TargetAllowList allowList;
    private final Duration timeout;

    public SecretRoutes(SecretsView secrets, JobStatusView jobs, SecretCipher cipher, RecordWriter writer,
                        Topic<String, EncryptedSecret> topic, TargetAllowList allowList, Duration timeout) {
        this.secrets = secrets;
        this.jobs = jobs;
        this.cipher = cipher;
        this.writer = writer;
        this.topic = topic;
        this.allowList = allowList;
        this.timeout = timeout;
    }

    public void register(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix, ctx -> create(ctx, prefix));
            routes.get(prefix, this::list);
            routes.delete(prefix + "/{name}", this::delete);
        }
    }

    private void create(Context ctx, String prefix) {
        var f = new FieldReader(JsonBody.object(ctx));
        String name = f.id("name", true);
        SecretType type = type(f);
        String value = value(f);
        String baseUrl = f.text("baseUrl", false, 2048);
        if (baseUrl != null) {
            // a batch provider's key goes only to an allowed host of that provider; other secrets' base URLs only need https
            (type != null && type.isBatchProvider() ? allowList.refuseProviderBaseUrl(type, baseUrl) : allowList.refuseBaseUrl(baseUrl))
                    .ifPresent(reason -> f.error("baseUrl", reason));
        }
        f.rejectUnread();
        if (!f.errors().isEmpty()) {
            throw ApiProblem.invalid(f.errors());
        }
        if (secrets.get(name).isPresent()) {
            throw ApiProblem.conflict("a secret named " + name + " exists; delete it first");
        }
        EncryptedSecret encrypted = cipher.encrypt(name, type, baseUrl, value, Instant.now());
        writer.write(topic, name, encrypted);
        secrets.awaitState(name, encrypted, timeout);
        ctx.status(201).header("Location", prefix + "/" + name).json(SecretDescription.of(encrypted));
    }

    private void list(Context ctx) {
        List<SecretDescription> all = secrets.all().stream().map(SecretDescription::of).toList();
        ctx.json(Map.of("secrets", all, "total", all.size()));
    }

    private void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Check.isId(name) || secrets.get(name).isEmpty()) {
            throw ApiProblem.notFound("no secret is named " + name);
        }
        List<String> users = jobs.all().stream().filter(job -> USING.contains(job.status()) && uses(job, name))
                .map(JobSnapshot::jobId).sorted().toList();
        if (!users.isEmpty()) {
            throw new ApiProblem(ProblemType.CONFLICT, "secret " + name + " is used by "
                    + users.size() + " active, paused or triggering job(s)", List.of(), Map.of("jobs", users));
        }
        writer.write(topic, name, null);
        secrets.awaitState(name, null, timeout);
        ctx.status(204);
    }

    private static boolean uses(JobSnapshot job, String secret) {
        return secret.equals(job.openaiSecret()) || secret.equals(job.target().secret());
    }

    private static SecretType type(FieldReader f) {
        String raw = f.text("type", true, 32);
        if (raw == null) {
            return null;
        }
        for (SecretType type : SecretType.values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(raw)) {
                return type;
            }
        }
        f.error("type", "must be openai, anthropic, gemini, keboola or webhook");
        return null;
    }

    /** Only the length is ever reported: the value itself appears in no message. */
    private static String value(FieldReader f) {
        var node = f.raw("value");
        if (node == null) {
            f.error("value", "is required");
            return null;
        }
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > MAX_VALUE_LENGTH) {
            f.error("value", "must be a string of 1 to " + MAX_VALUE_LENGTH + " characters");
            return null;
        }
        return node.textValue();
    }
}
