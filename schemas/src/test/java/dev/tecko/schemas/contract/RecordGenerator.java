package dev.tecko.schemas.contract;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.TokenUsage;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.VariableSet;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.KeboolaVariables;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Seeded generator of valid contract records, built through their constructors, optional fields present or absent. */
final class RecordGenerator {
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-";
    private static final String[] WORDS = {"batch", "sentiment", "Überprüfung", "reviews", "nightly", "EU", "\"quoted\"",
            "line\nbreak", "tab\there", "emoji 🚀", "ok", "a/b", "x=1&y=2", "<b>", "čeština"};
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private final Random random;

    RecordGenerator(long seed) {
        this.random = new Random(seed);
    }

    Object next(Class<?> type) {
        if (type == JobCommand.class) {
            return jobCommand();
        } else if (type == BatchObservation.class) {
            return batchObservation();
        } else if (type == JobSnapshot.class) {
            return jobSnapshot();
        } else if (type == JobEvent.class) {
            return jobEvent();
        } else if (type == TriggerCommand.class) {
            return triggerCommand();
        } else if (type == TriggerResult.class) {
            return triggerResult();
        } else if (type == EncryptedSecret.class) {
            return encryptedSecret();
        } else if (type == dev.tecko.schemas.DeliveryProgress.class) {
            return deliveryProgress();
        } else if (type == DownstreamObservation.class) {
            return downstreamObservation();
        } else if (type == dev.tecko.schemas.WebhookHandover.class) {
            return webhookHandover();
        } else if (type == dev.tecko.schemas.BatchDiscovery.class) {
            return batchDiscovery();
        }
        throw new IllegalArgumentException(type.getName());
    }

    // ---- the seven topic values

    JobCommand jobCommand() {
        CommandType type = pick(CommandType.values());
        return new JobCommand(schemaVersion(), id(), id(), type,
                type == CommandType.CREATE ? jobSpec() : null,
                type == CommandType.UPDATE ? jobPatch() : null,
                instant(), maybe(() -> text(255)), maybe(() -> text(4096)));
    }

    BatchObservation batchObservation() {
        return new BatchObservation(schemaVersion(), id(), id(), pick(BatchStatus.values()), maybe(this::requestCounts),
                maybe(this::fileId), maybe(this::fileId), maybe(() -> list(3, this::batchError)), maybe(this::providerTimestamps),
                maybe(this::metadata), instant(), pick(ObservationSource.values()), maybe(this::pollError),
                maybe(() -> 1 + random.nextInt(1_000)), maybe(this::tokenUsage), maybe(this::model),
                maybe(() -> pick(dev.tecko.schemas.Provider.values())), maybe(this::providerStatus));
    }

    String providerStatus() {
        return pick(new String[] {"in_progress", "ended", "canceling", "BATCH_STATE_RUNNING", "JOB_STATE_SUCCEEDED", "x".repeat(64)});
    }

    JobSnapshot jobSnapshot() {
        dev.tecko.schemas.BatchSearch search = maybe(this::batchSearch);
        List<BatchSnapshot> batches = list(search == null ? 1 : 0, 6, this::batchSnapshot);
        int poll = pollInterval();
        return new JobSnapshot(schemaVersion(), id(), text(255), pick(JobStatus.values()), 1 + random.nextInt(5), batches, null,
                id(), triggerTarget(), poll, maybe(() -> between(10, poll)), maybe(() -> between(poll, 86_400)),
                maybe(this::triggerPolicy), maybe(this::instant), maybe(this::triggerSummary), instant(), instant(),
                maybe(this::instant), random.nextInt(3) == 0 ? 0 : Math.abs(random.nextLong() >> 1), null, null,
                maybe(() -> pick(VariableSet.values())), maybe(this::downstream), maybe(() -> random.nextInt(11)),
                maybe(() -> random.nextInt(11)), search);
    }

    DownstreamObservation downstreamObservation() {
        String jobId = id();
        int generation = 1 + random.nextInt(1000);
        Downstream d = downstream();
        return new DownstreamObservation(schemaVersion(), jobId, TriggerCommand.triggerId(jobId, generation), generation,
                d.keboolaJobId(), d.status(), d.startedAt(), d.finishedAt(), d.durationSeconds(), d.message(), d.url(), d.observedAt());
    }

    dev.tecko.schemas.DeliveryProgress deliveryProgress() {
        String jobId = id();
        int generation = 1 + random.nextInt(1000);
        dev.tecko.schemas.DeliveryState d = deliveryState();
        return new dev.tecko.schemas.DeliveryProgress(schemaVersion(), jobId, TriggerCommand.triggerId(jobId, generation), generation,
                d.attempts(), d.lastError(), d.lastHttpStatus(), d.nextAttemptAt(), d.breakerOpen(), d.updatedAt(), maybe(this::instant));
    }

    dev.tecko.schemas.BatchDiscovery batchDiscovery() {
        return new dev.tecko.schemas.BatchDiscovery(schemaVersion(), id(), instant(), batchTag(), distinctIds(0, 5),
                maybe(this::instant), instant());
    }

    dev.tecko.schemas.BatchTag batchTag() {
        return new dev.tecko.schemas.BatchTag(random.nextBoolean() ? "run" : text(64), random.nextBoolean() ? "nightly-2026-12-04" : text(512));
    }

    dev.tecko.schemas.BatchSearch batchSearch() {
        Instant sealedAt = maybe(this::instant);
        return new dev.tecko.schemas.BatchSearch(batchTag(), instant(), maybe(this::instant), maybe(() -> between(1, 10_000)),
                maybe(this::instant), maybe(this::instant), sealedAt,
                sealedAt == null ? null : pick(dev.tecko.schemas.SealReason.values()), null);
    }

    dev.tecko.schemas.WebhookHandover webhookHandover() {
        return new dev.tecko.schemas.WebhookHandover(schemaVersion(), id(), id(), text(255), text(255), instant());
    }

    dev.tecko.schemas.DeliveryState deliveryState() {
        return new dev.tecko.schemas.DeliveryState(random.nextInt(50), maybe(() -> text(4096)), maybe(() -> between(100, 599)),
                maybe(this::instant), random.nextBoolean(), instant());
    }

    Downstream downstream() {
        return new Downstream(Long.toString(1_000_000_000L + random.nextInt(1_000_000_000)), pick(DownstreamStatus.values()),
                maybe(this::instant), maybe(this::instant), maybe(() -> (long) random.nextInt(100_000)), maybe(() -> text(4096)),
                maybe(this::httpUrl), instant());
    }

    JobEvent jobEvent() {
        EventType type = pick(EventType.values());
        boolean statusOptional = type == EventType.DELETED || type == EventType.COMMAND_REJECTED;
        return new JobEvent(schemaVersion(), id(), random.nextInt(4) == 0 ? 0 : Math.abs(random.nextLong() >> 1), type, instant(),
                statusOptional ? maybe(() -> pick(JobStatus.values())) : pick(JobStatus.values()), random.nextInt(4),
                maybe(this::id), maybe(() -> pick(BatchStatus.values())), maybe(() -> pick(BatchStatus.values())),
                maybe(this::id), maybe(this::id), maybe(() -> text(4096)),
                type == EventType.COMMAND_REJECTED ? maybe(() -> pick(RejectionCode.values())) : null, maybe(this::requestCounts),
                maybe(() -> Boolean.TRUE), maybe(() -> distinctIds(1, 4)));
    }

    TriggerCommand triggerCommand() {
        String jobId = id();
        int generation = 1 + random.nextInt(1000);
        List<BatchOutcome> batches = list(1, 6, this::batchOutcome);
        if (random.nextBoolean()) {
            return TriggerCommand.of(jobId, text(255), generation, triggerTarget(), batches, instant(),
                    random.nextBoolean() ? instant() : null, pick(VariableSet.values()));
        }
        Map<String, String> variables = new LinkedHashMap<>(KeboolaVariables.of(batches));
        variables.put("custom_" + random.nextInt(100), text(100));
        return new TriggerCommand(schemaVersion(), TriggerCommand.triggerId(jobId, generation), jobId, text(255), generation,
                triggerTarget(), variables, batches, instant());
    }

    TriggerResult triggerResult() {
        String jobId = id();
        int generation = 1 + random.nextInt(Integer.MAX_VALUE);
        TriggerOutcome outcome = pick(TriggerOutcome.values());
        return new TriggerResult(schemaVersion(), TriggerCommand.triggerId(jobId, generation), jobId, generation, outcome,
                maybe(() -> Long.toString(1_000_000_000L + random.nextInt(1_000_000_000))),
                maybe(() -> "https://connection.eu-central-1.keboola.com/admin/projects/" + random.nextInt(10_000) + "/queue/" + random.nextInt()),
                maybe(() -> pick(new String[]{"created", "waiting", "processing"})), maybe(() -> Integer.toString(random.nextInt(1 << 30))),
                maybe(() -> pick(new Integer[]{200, 201, 400, 401, 404, 429, 500, 503, -1})), random.nextInt(10),
                outcome == TriggerOutcome.OK ? maybe(() -> text(4096)) : text(4096), instant());
    }

    EncryptedSecret encryptedSecret() {
        byte[] nonce = bytes(12);
        byte[] ciphertext = bytes(16 + random.nextInt(200));
        Base64.Encoder encoder = random.nextBoolean() ? Base64.getEncoder() : Base64.getEncoder().withoutPadding();
        return new EncryptedSecret(schemaVersion(), id(), pick(SecretType.values()), maybe(this::httpUrl),
                maybe(() -> EncryptedSecret.AES_256_GCM), maybe(() -> text(255)), encoder.encodeToString(nonce),
                encoder.encodeToString(ciphertext), instant(), maybe(() -> EncryptedSecret.AAD_NAME_TYPE_BASE_URL));
    }

    // ---- parts

    JobSpec jobSpec() {
        int poll = pollInterval();
        boolean defaultPoll = random.nextInt(4) == 0;
        int effective = defaultPoll ? JobSpec.DEFAULT_POLL_INTERVAL_SECONDS : poll;
        dev.tecko.schemas.BatchTag tag = maybe(this::batchTag);
        return new JobSpec(text(255), distinctIds(tag == null ? 1 : 0, 8), id(), triggerTarget(), defaultPoll ? null : poll,
                maybe(() -> between(10, effective)), maybe(() -> between(effective, 86_400)), maybe(this::triggerPolicy),
                maybe(this::instant), maybe(random::nextBoolean), maybe(() -> pick(VariableSet.values())),
                maybe(() -> random.nextInt(11)), tag, tag == null ? null : maybe(this::instant),
                tag == null ? null : maybe(this::instant), tag == null ? null : maybe(() -> between(1, 10_000)));
    }

    JobPatch jobPatch() {
        while (true) {
            boolean clear = random.nextInt(4) == 0;
            try {
                return new JobPatch(maybe(() -> text(255)), maybe(this::id), maybe(this::triggerTarget), maybe(this::pollInterval),
                        maybe(this::pollInterval), maybe(this::pollInterval), maybe(this::triggerPolicy),
                        clear ? null : maybe(this::instant), clear ? Boolean.TRUE : maybe(() -> Boolean.FALSE),
                        maybe(() -> pick(VariableSet.values())), maybe(() -> random.nextInt(11)));
            } catch (IllegalArgumentException nothingChanged) {
                // an all-absent patch is invalid; draw again
            }
        }
    }

    TriggerTarget triggerTarget() {
        if (pick(TargetType.values()) == TargetType.WEBHOOK) {
            return TriggerTarget.webhook(httpUrl(), id());
        }
        return new TriggerTarget(TargetType.KEBOOLA, httpUrl(), pick(new String[]{"kds-team.app-custom-python", "keboola.python-transformation-v2", "keboola.orchestrator"}),
                Long.toString(100_000_000L + random.nextInt(1_000_000_000)), maybe(() -> Integer.toString(random.nextInt(1_000_000))),
                maybe(() -> list(3, () -> Integer.toString(random.nextInt(1_000_000)))), maybe(() -> "1." + random.nextInt(20) + ".0"),
                null, id());
    }

    TriggerPolicy triggerPolicy() {
        TriggerPolicy policy = switch (pick(TriggerPolicy.Type.values())) {
            case ALWAYS -> TriggerPolicy.ALWAYS;
            case ALL_COMPLETED -> TriggerPolicy.ALL_COMPLETED;
            case MIN_COMPLETED_RATIO -> TriggerPolicy.minCompletedRatio((1 + random.nextInt(100)) / 100.0);
        };
        return policy.withMaxFailedRequestRatio(maybe(() -> random.nextInt(101) / 100.0));
    }

    BatchSnapshot batchSnapshot() {
        return new BatchSnapshot(id(), pick(BatchStatus.values()), maybe(this::requestCounts), maybe(this::fileId), maybe(this::fileId),
                maybe(() -> list(2, this::batchError)), maybe(this::instant), maybe(this::pollError), maybe(this::tokenUsage),
                maybe(this::model), null, maybe(() -> pick(dev.tecko.schemas.Provider.values())), maybe(this::providerStatus));
    }

    BatchOutcome batchOutcome() {
        BatchStatus status;
        do {
            status = pick(BatchStatus.values());
        } while (!status.isTerminal());
        return new BatchOutcome(id(), status, maybe(this::requestCounts), maybe(this::fileId), maybe(this::fileId),
                maybe(this::tokenUsage), null);
    }

    TriggerSummary triggerSummary() {
        // a summary's triggerId is limited to 255 characters (see the report: longer job ids cannot have one)
        String jobId = id();
        int generation = 1 + random.nextInt(9);
        return new TriggerSummary((jobId.length() > 253 ? jobId.substring(0, 253) : jobId) + ":" + generation, generation, instant(),
                maybe(() -> pick(TriggerOutcome.values())), maybe(this::id), maybe(this::httpUrl), maybe(() -> text(300)), maybe(this::instant),
                maybe(this::deliveryState));
    }

    RequestCounts requestCounts() {
        int total = random.nextInt(50_001);
        int completed = total == 0 ? 0 : random.nextInt(total + 1);
        return new RequestCounts(total, completed, total - completed == 0 ? 0 : random.nextInt(total - completed + 1));
    }

    TokenUsage tokenUsage() {
        long input = random.nextInt(50_000_000);
        long output = random.nextInt(10_000_000);
        return new TokenUsage(input, output, input + output, input == 0 ? 0 : random.nextLong(input + 1),
                output == 0 ? 0 : random.nextLong(output + 1));
    }

    String model() {
        return pick(new String[]{"gpt-4o-mini", "gpt-4.1-2025-04-14", "o3-mini", "text-embedding-3-large"});
    }

    BatchError batchError() {
        return new BatchError(maybe(() -> pick(new String[]{"invalid_request", "not_found", "token_limit_exceeded"})), maybe(() -> text(4096)),
                maybe(() -> text(255)), maybe(() -> random.nextInt(100_000)));
    }

    PollError pollError() {
        return new PollError(pick(new String[]{"unauthorized", "rate_limited", "server_error", "timeout"}), maybe(() -> text(4096)),
                maybe(() -> pick(new Integer[]{401, 403, 429, 500, 502, 503})));
    }

    ProviderTimestamps providerTimestamps() {
        return new ProviderTimestamps(maybe(this::instant), maybe(this::instant), maybe(this::instant), maybe(this::instant),
                maybe(this::instant), maybe(this::instant), maybe(this::instant), maybe(this::instant), maybe(this::instant));
    }

    Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            // "" included: map entries are written as they are, so an empty value must survive the round trip
            metadata.put(text(40), random.nextInt(5) == 0 ? "" : text(100));
        }
        return metadata;
    }

    // ---- values

    String id() {
        int length = random.nextInt(20) == 0 ? 255 : 1 + random.nextInt(40);
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        String id = sb.toString();
        // '.' and '..' are no ids (they mean something else in URL paths)
        return id.equals(".") || id.equals("..") ? id.replace('.', '_') : id;
    }

    List<String> distinctIds(int min, int max) {
        var ids = new LinkedHashSet<String>();
        int n = min + random.nextInt(max - min + 1);
        while (ids.size() < n) {
            ids.add(id());
        }
        return new ArrayList<>(ids);
    }

    String text(int max) {
        var sb = new StringBuilder(pick(WORDS));
        while (random.nextInt(3) != 0) {
            sb.append(' ').append(pick(WORDS));
        }
        String text = sb.length() > max ? sb.substring(0, max) : sb.toString();
        if (random.nextInt(30) == 0) {
            text = "x".repeat(max);
        }
        if (Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            text = text.substring(0, text.length() - 1);
        }
        return text.isBlank() ? "x" : text;
    }

    String fileId() {
        String id = id();
        return "file-" + (id.length() > 250 ? id.substring(0, 250) : id);
    }

    String httpUrl() {
        return pick(new String[]{"https://connection.keboola.com", "https://connection.eu-central-1.keboola.com",
                "https://connection.north-europe.azure.keboola.com", "http://localhost:" + (1024 + random.nextInt(60_000)) + "/hook?job=1",
                "https://api.openai.com/v1", "HTTPS://HOOKS.EXAMPLE.COM/tecko#done"});
    }

    Instant instant() {
        Instant t = BASE.plusSeconds(random.nextInt(400_000_000));
        return switch (random.nextInt(3)) {
            case 0 -> t;
            case 1 -> t.plusMillis(random.nextInt(1000));
            default -> t.plusNanos(random.nextInt(1_000_000_000));
        };
    }

    int pollInterval() {
        return between(JobSpec.MIN_POLL_INTERVAL_SECONDS, JobSpec.MAX_POLL_INTERVAL_SECONDS);
    }

    int schemaVersion() {
        return random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(3);
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private <T> T maybe(Supplier<T> value) {
        return random.nextBoolean() ? value.get() : null;
    }

    private <T> List<T> list(int max, Supplier<T> element) {
        return list(0, max, element);
    }

    private <T> List<T> list(int min, int max, Supplier<T> element) {
        int n = min + random.nextInt(max - min + 1);
        List<T> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(element.get());
        }
        return values;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
