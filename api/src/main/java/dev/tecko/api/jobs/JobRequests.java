package dev.tecko.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.FieldError;
import dev.tecko.api.http.FieldReader;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.InvalidContractException;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.VariableSet;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns create and update request bodies into the contract records ({@link JobSpec}, {@link JobPatch}), checking
 * every field on its own first so that one 400 lists all of them; the records' constructors then run as a final check
 * of the cross-field rules, their field names mapped back to the request's.
 */
public final class JobRequests {
    /** TeckoChecker's snake_case names, so its scripts keep working. */
    static final Map<String, String> ALIASES = Map.of(
            "batch_ids", "batchIds",
            "openai_secret_id", "openaiSecret",
            "keboola_secret_id", "keboolaSecret",
            "keboola_stack_url", "keboolaStackUrl",
            "keboola_component_id", "keboolaComponentId",
            "keboola_configuration_id", "keboolaConfigId",
            "poll_interval_seconds", "pollIntervalSeconds");
    private static final String TECKOCHECKER_ONE_BATCH = "batch_id";
    private static final List<String> KEBOOLA_FIELDS = List.of("keboolaSecret", "keboolaStackUrl", "keboolaComponentId",
            "keboolaConfigId", "keboolaBranchId", "keboolaConfigRowIds");
    private static final List<String> WEBHOOK_FIELDS = List.of("webhookUrl", "webhookSecret");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final TargetAllowList allowList;
    private final int maxBatches;

    public JobRequests(TargetAllowList allowList, int maxBatches) {
        this.allowList = allowList;
        this.maxBatches = maxBatches;
    }

    /** A valid create request: the job id (generated when absent) and its spec. */
    public record Create(String jobId, JobSpec spec) {
    }

    public Create create(ObjectNode body) {
        ObjectNode normalized = oneBatchAlias(body);
        var f = new FieldReader(normalized, ALIASES);
        String jobId = f.id("jobId", false);
        String name = f.text("name", true, Check.MAX_NAME);
        List<String> batchIds = batchIds(f);
        String openaiSecret = f.id("openaiSecret", true);
        TriggerTarget target = target(f, null);
        Integer poll = f.integer("pollIntervalSeconds", JobSpec.MIN_POLL_INTERVAL_SECONDS, JobSpec.MAX_POLL_INTERVAL_SECONDS);
        Integer minPoll = f.integer("minPollIntervalSeconds", JobSpec.MIN_POLL_INTERVAL_SECONDS, JobSpec.MAX_POLL_INTERVAL_SECONDS);
        Integer maxPoll = f.integer("maxPollIntervalSeconds", JobSpec.MIN_POLL_INTERVAL_SECONDS, JobSpec.MAX_POLL_INTERVAL_SECONDS);
        TriggerPolicy policy = policy(f);
        Instant deadline = f.instant("deadline");
        Boolean startPaused = f.bool("startPaused");
        VariableSet variables = variables(f);
        Integer downstreamRetries = f.integer("downstreamRetries", 0, JobSpec.MAX_DOWNSTREAM_RETRIES);
        TagFields tag = TagFields.read(f, maxBatches);
        f.rejectUnread();
        failIfAny(f);
        JobSpec spec = build(target, () -> new JobSpec(name, batchIds, openaiSecret, target, poll, minPoll, maxPoll, policy,
                deadline, startPaused, variables, downstreamRetries, tag.tag(), tag.since(), tag.sealAt(), tag.expectedBatches()));
        return new Create(jobId != null ? jobId : generatedId(), spec);
    }

    /** A valid patch of {@code current}: target fields merge over its target, and the merged job must hold together. */
    public JobPatch update(ObjectNode body, JobSnapshot current) {
        var f = new FieldReader(body, ALIASES);
        if (f.has("batchIds") || body.has(TECKOCHECKER_ONE_BATCH)) {
            f.error("batchIds", "cannot change after the job is created");
            f.raw("batchIds");
        }
        TagFields.refuseChange(f);
        String name = f.text("name", false, Check.MAX_NAME);
        String openaiSecret = f.id("openaiSecret", false);
        TriggerTarget target = target(f, current.target());
        Integer poll = f.integer("pollIntervalSeconds", JobSpec.MIN_POLL_INTERVAL_SECONDS, JobSpec.MAX_POLL_INTERVAL_SECONDS);
        Integer minPoll = f.integer("minPollIntervalSeconds", JobSpec.MIN_POLL_INTERVAL_SECONDS, JobSpec.MAX_POLL_INTERVAL_SECONDS);
        Integer maxPoll = f.integer("maxPollIntervalSeconds", JobSpec.MIN_POLL_INTERVAL_SECONDS, JobSpec.MAX_POLL_INTERVAL_SECONDS);
        TriggerPolicy policy = policy(f);
        Instant deadline = f.instant("deadline");
        Boolean clearDeadline = f.bool("clearDeadline");
        VariableSet variables = variables(f);
        Integer downstreamRetries = f.integer("downstreamRetries", 0, JobSpec.MAX_DOWNSTREAM_RETRIES);
        f.rejectUnread();
        failIfAny(f);
        JobPatch patch = build(target, () -> new JobPatch(name, openaiSecret, target, poll, minPoll, maxPoll, policy, deadline,
                clearDeadline, variables, downstreamRetries));
        // the processor would reject a merged job that does not hold together (min <= poll <= max): say so as a 400 now
        build(target, () -> patch.applyTo(settings(current)));
        return patch;
    }

    /** The job's settings as the spec an update's patch applies to (a tagged job's tag too: it may hold no batch yet). */
    private static JobSpec settings(JobSnapshot job) {
        TagFields tag = TagFields.of(job.batchSearch());
        return new JobSpec(job.name(), job.batches().stream().map(BatchSnapshot::batchId).toList(), job.openaiSecret(), job.target(),
                job.pollIntervalSeconds(), job.minPollIntervalSeconds(), job.maxPollIntervalSeconds(), job.triggerPolicy(),
                job.deadline(), null, job.variables(), job.downstreamRetries(), tag.tag(), tag.since(), tag.sealAt(),
                tag.expectedBatches());
    }

    /**
     * {@code batchIds}: required, 1..max, unless the job finds its batches by a {@code batchTag}; then it may be absent or
     * empty (the batches found are added to those it names).
     */
    private List<String> batchIds(FieldReader f) {
        boolean tagged = f.has(TagFields.BATCH_TAG);
        List<String> ids = f.ids("batchIds", false, tagged ? 0 : 1, maxBatches);
        if (!tagged && !f.has("batchIds")) {
            f.error("batchIds", "is required (or a batchTag to find the batches by)");
        }
        return ids == null && tagged ? List.of() : ids;
    }

    /** {@code variables}: {@code teckochecker} (TeckoChecker's five, the default) or {@code extended}. */
    private static VariableSet variables(FieldReader f) {
        JsonNode node = f.raw("variables");
        if (node == null) {
            return null;
        }
        for (VariableSet set : VariableSet.values()) {
            if (node.isTextual() && set.wire().equals(node.textValue())) {
                return set;
            }
        }
        f.error("variables", "must be teckochecker or extended");
        return null;
    }

    /**
     * The trigger target the request names: all Keboola fields or the webhook ones. With {@code current}, the given
     * fields merge over it (and switching the type needs the new type's fields in full); null when nothing is given.
     */
    private TriggerTarget target(FieldReader f, TriggerTarget current) {
        int errorsBefore = f.errors().size();
        TriggerTarget target = readTarget(f, current, errorsBefore);
        if (target == null || f.errors().size() > errorsBefore) {
            return null;
        }
        return target;
    }

    /** Reads the target fields; builds the target only when none of them was at fault, so no error is reported twice. */
    private TriggerTarget readTarget(FieldReader f, TriggerTarget current, int errorsBefore) {
        boolean keboola = KEBOOLA_FIELDS.stream().anyMatch(f::has);
        boolean webhook = WEBHOOK_FIELDS.stream().anyMatch(f::has);
        if (keboola && webhook) {
            f.error("webhookUrl", "a job has either the Keboola fields or the webhook fields, not both");
            KEBOOLA_FIELDS.forEach(f::raw);
            WEBHOOK_FIELDS.forEach(f::raw);
            return null;
        }
        if (current != null && !keboola && !webhook) {
            return null;
        }
        if (webhook) {
            TriggerTarget base = current != null && current.type() == TargetType.WEBHOOK ? current : null;
            String url = url(f, "webhookUrl", base == null);
            String secret = f.id("webhookSecret", base == null);
            if (f.errors().size() > errorsBefore || (url == null && secret == null && base == null)) {
                return null;
            }
            return checked(f, TargetType.WEBHOOK, () -> TriggerTarget.webhook(or(url, base == null ? null : base.url()),
                    or(secret, base == null ? null : base.secret())));
        }
        TriggerTarget base = current != null && current.type() == TargetType.KEBOOLA ? current : null;
        boolean required = base == null;
        String secret = f.id("keboolaSecret", required);
        String stackUrl = url(f, "keboolaStackUrl", required);
        String componentId = textOrNumber(f, "keboolaComponentId", required);
        String configId = textOrNumber(f, "keboolaConfigId", required);
        String branchId = textOrNumber(f, "keboolaBranchId", false);
        List<String> rowIds = f.ids("keboolaConfigRowIds", false, 0, 1000);
        if (f.errors().size() > errorsBefore
                || (secret == null && stackUrl == null && componentId == null && configId == null && base == null)) {
            return null;
        }
        return checked(f, TargetType.KEBOOLA, () -> new TriggerTarget(TargetType.KEBOOLA, or(stackUrl, base == null ? null : base.stackUrl()),
                or(componentId, base == null ? null : base.componentId()), or(configId, base == null ? null : base.configId()),
                or(branchId, base == null ? null : base.branchId()),
                rowIds != null ? rowIds : base == null ? List.of() : base.configRowIds(),
                base == null ? null : base.tag(), null, or(secret, base == null ? null : base.secret())));
    }

    private static TriggerTarget checked(FieldReader f, TargetType type, Supplier<TriggerTarget> constructor) {
        try {
            return constructor.get();
        } catch (InvalidContractException e) {
            f.error(requestField(e.field(), type), reason(e));
            return null;
        }
    }

    private String url(FieldReader f, String field, boolean required) {
        String url = f.text(field, required, 2048);
        if (url == null) {
            return null;
        }
        var refused = allowList.refuseTarget(url);
        refused.ifPresent(reason -> f.error(field, reason));
        return refused.isPresent() ? null : url;
    }

    /** Keboola ids are strings, but TeckoChecker's clients may send numbers. */
    private static String textOrNumber(FieldReader f, String field, boolean required) {
        JsonNode node = f.raw(field);
        if (node != null && node.isIntegralNumber()) {
            return node.asText();
        }
        if (node == null && required) {
            f.error(field, "is required");
            return null;
        }
        return node == null ? null : f.text(field, required, Check.MAX_NAME);
    }

    private static TriggerPolicy policy(FieldReader f) {
        JsonNode node = f.raw("triggerPolicy");
        if (node == null) {
            return null;
        }
        JsonNode type = node;
        JsonNode ratio = null;
        JsonNode maxFailed = null;
        if (node.isObject()) {
            type = node.get("type");
            ratio = node.get("minCompletedRatio");
            maxFailed = node.get("maxFailedRequestRatio");
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.equals("type") && !name.equals("minCompletedRatio") && !name.equals("maxFailedRequestRatio")) {
                    f.error("triggerPolicy." + name, "is not a known field");
                }
            }
        }
        TriggerPolicy.Type parsed = type == null || !type.isTextual() ? null : switch (type.textValue()) {
            case "always" -> TriggerPolicy.Type.ALWAYS;
            case "all_completed" -> TriggerPolicy.Type.ALL_COMPLETED;
            case "min_completed_ratio" -> TriggerPolicy.Type.MIN_COMPLETED_RATIO;
            default -> null;
        };
        if (parsed == null) {
            f.error(node.isObject() ? "triggerPolicy.type" : "triggerPolicy", "must be always, all_completed or min_completed_ratio");
            return null;
        }
        if (ratio != null && !ratio.isNumber()) {
            f.error("triggerPolicy.minCompletedRatio", "must be a number in (0, 1]");
            return null;
        }
        if (maxFailed != null && !maxFailed.isNull() && !maxFailed.isNumber()) {
            f.error("triggerPolicy.maxFailedRequestRatio", "must be a number in [0, 1]");
            return null;
        }
        try {
            return new TriggerPolicy(parsed, ratio == null ? null : ratio.doubleValue(),
                    maxFailed == null || maxFailed.isNull() ? null : maxFailed.doubleValue());
        } catch (InvalidContractException e) {
            f.error(e.field(), reason(e));
            return null;
        }
    }

    /** TeckoChecker's {@code batch_id}: one batch, as a list of one. */
    private static ObjectNode oneBatchAlias(ObjectNode body) {
        if (!body.has(TECKOCHECKER_ONE_BATCH)) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        JsonNode one = copy.remove(TECKOCHECKER_ONE_BATCH);
        if (copy.has("batchIds") || copy.has("batch_ids")) {
            copy.set("batch_id", one);
        } else {
            copy.putArray("batchIds").add(one);
        }
        return copy;
    }

    private static void failIfAny(FieldReader f) {
        if (!f.errors().isEmpty()) {
            throw ApiProblem.invalid(f.errors());
        }
    }

    private static <T> T build(TriggerTarget target, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidContractException e) {
            throw ApiProblem.invalid(List.of(new FieldError(requestField(e.field(), target == null ? null : target.type()), reason(e))));
        }
    }

    /** The request's name for a contract field ({@code target.stackUrl} → {@code keboolaStackUrl}). */
    static String requestField(String contractField, TargetType targetType) {
        String field = contractField.startsWith("spec.") ? contractField.substring(5) : contractField;
        boolean webhook = targetType == TargetType.WEBHOOK;
        if (field.equals("patch")) {
            return "body";
        }
        if (!field.startsWith("target")) {
            return field;
        }
        String rest = field.equals("target") ? "" : field.substring("target.".length());
        if (rest.isEmpty() || rest.equals("type")) {
            return webhook ? "webhookUrl" : "keboolaStackUrl";
        }
        if (rest.equals("url")) {
            return "webhookUrl";
        }
        if (rest.equals("secret")) {
            return webhook ? "webhookSecret" : "keboolaSecret";
        }
        return "keboola" + Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    private static String reason(InvalidContractException e) {
        String prefix = e.field() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String generatedId() {
        var sb = new StringBuilder("job-");
        for (int i = 0; i < 12; i++) {
            sb.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return sb.toString();
    }
}
