package dev.tecko.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Records no contract accepts, for the five topics the processor reads (other teams write to them with other clients): random bytes, truncated JSON, a field of the
 * wrong JSON type, a huge string where an id belongs, an unknown enum value, a missing id, a valid value under another
 * job's key, no value at all. Keys are live job ids (so rejections hit jobs that must not change), unknown ids, null or
 * garbage. Each record is checked against its contract before it is returned, so a generator slip that makes a valid
 * record fails here and not as a mystery in the processor.
 */
final class Fuzz {
    enum Kind { RANDOM_BYTES, TRUNCATED_JSON, WRONG_TYPE, HUGE_STRING, UNKNOWN_ENUM, MISSING_ID, OTHER_JOBS_KEY, NO_VALUE }

    record BadRecord(String topic, byte[] key, byte[] value, Kind kind) {
    }

    /** One topic's contract: a valid value to spoil, its id fields, its enum field with a value no reader knows. */
    private record Contract(Topic<String, ?> topic, Function<String, Object> valid, List<String> idFields, String enumField,
                            String unknownEnum) {
    }

    private static final ObjectMapper JSON = Json.mapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Random random;
    private final List<String> liveJobIds;
    private final List<Contract> contracts;

    Fuzz(Random random, List<String> liveJobIds, Topics topics) {
        this.random = random;
        this.liveJobIds = List.copyOf(liveJobIds);
        var target = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");
        this.contracts = List.of(
                new Contract(topics.jobCommands(), jobId -> JobCommand.create("fuzz-" + random.nextInt(), jobId,
                        JobSpec.of("fuzzed", List.of("batch_fuzz"), "openai-main", target), T0),
                        List.of("jobId", "commandId"), "type", "explode"),
                new Contract(topics.batchStatus(), jobId -> BatchObservation.polled(jobId, "batch_fuzz", BatchStatus.COMPLETED,
                        new RequestCounts(1, 1, 0), T0), List.of("jobId", "batchId"), "status", "exploded"),
                new Contract(topics.triggerResults(), jobId -> new TriggerResult(1, TriggerCommand.triggerId(jobId, 1), jobId, 1,
                        TriggerOutcome.OK, "kbc-1", null, null, null, 201, 1, null, T0), List.of("jobId", "triggerId"),
                        "outcome", "maybe"),
                new Contract(topics.deliveryStatus(), jobId -> new DeliveryProgress(1, jobId, TriggerCommand.triggerId(jobId, 1), 1,
                        2, "Keboola answered 503", 503, T0.plusSeconds(4), false, T0), List.of("jobId", "triggerId"), "breakerOpen",
                        "perhaps"),
                new Contract(topics.downstreamStatus(), jobId -> new DownstreamObservation(1, jobId, TriggerCommand.triggerId(jobId, 1),
                        1, "kbc-1", DownstreamStatus.SUCCESS, T0, T0, 0L, null, null, T0), List.of("jobId", "triggerId", "keboolaJobId"),
                        "status", "exploded"),
                // no enum here: an instant no reader can parse stands in for the value nobody knows
                new Contract(topics.batchDiscovery(), jobId -> new BatchDiscovery(1, jobId, T0, new BatchTag("run", "fuzz"),
                        List.of("batch_fuzz"), T0, T0), List.of("jobId"), "discoveredAt", "yesterday"));
    }

    /** {@code count} bad records for each of the six input topics, shuffled together. */
    List<BadRecord> records(int count) {
        List<BadRecord> records = new ArrayList<>();
        for (Contract contract : contracts) {
            for (int i = 0; i < count; i++) {
                records.add(record(contract));
            }
        }
        java.util.Collections.shuffle(records, random);
        return records;
    }

    private BadRecord record(Contract contract) {
        Kind kind = kind();
        String jobId = key();
        byte[] value = switch (kind) {
            case RANDOM_BYTES -> randomBytes(random.nextInt(300));
            case TRUNCATED_JSON -> {
                byte[] json = json(validTree(contract, jobId));
                yield java.util.Arrays.copyOf(json, random.nextInt(json.length));
            }
            case WRONG_TYPE -> json(wrongType(validTree(contract, jobId)));
            case HUGE_STRING -> json(validTree(contract, jobId).put(pick(contract.idFields()), "x".repeat(100_000 + random.nextInt(150_000))));
            case UNKNOWN_ENUM -> json(validTree(contract, jobId).put(contract.enumField(), contract.unknownEnum()));
            case MISSING_ID -> {
                ObjectNode tree = validTree(contract, jobId);
                tree.remove(pick(contract.idFields()));
                yield json(tree);
            }
            case OTHER_JOBS_KEY -> json(validTree(contract, "other-" + jobId));
            case NO_VALUE -> null;
        };
        byte[] key = jobId == null ? garbageKey() : jobId.getBytes(StandardCharsets.UTF_8);
        var bad = new BadRecord(contract.topic().name(), key, value, kind);
        requireRejected(contract, bad);
        return bad;
    }

    private Kind kind() {
        // huge strings are rare: each is a few hundred kilobytes on the broker, twice (input and DLQ)
        if (random.nextInt(100) == 0) {
            return Kind.HUGE_STRING;
        }
        Kind[] common = {Kind.RANDOM_BYTES, Kind.TRUNCATED_JSON, Kind.WRONG_TYPE, Kind.UNKNOWN_ENUM, Kind.MISSING_ID,
                Kind.OTHER_JOBS_KEY, Kind.NO_VALUE};
        return common[random.nextInt(common.length)];
    }

    /** A live job's id half of the time, else an unknown id; null stands for a null or garbage key. */
    private String key() {
        int dice = random.nextInt(10);
        if (dice < 5) {
            return pick(liveJobIds);
        }
        return dice < 9 ? "unknown-" + random.nextInt(1_000_000) : null;
    }

    private byte[] garbageKey() {
        return random.nextBoolean() ? null : randomBytes(1 + random.nextInt(40));
    }

    private ObjectNode validTree(Contract contract, String jobId) {
        return JSON.valueToTree(contract.valid().apply(jobId == null ? "job-without-key" : jobId));
    }

    /** A top-level field replaced by a value of another JSON kind: text by an object, a number by an array, and so on. */
    private ObjectNode wrongType(ObjectNode tree) {
        // a null field is optional, and Jackson reads 42 as the text "42" there: only fields with a value are spoiled
        List<String> fields = new ArrayList<>();
        tree.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                fields.add(e.getKey());
            }
        });
        String field = pick(fields);
        JsonNode current = tree.get(field);
        if (current.isTextual() || current.isBoolean()) {
            // not 42 for a boolean: Jackson coerces a number to true
            tree.putObject(field).put("unexpected", true);
        } else if (current.isNumber()) {
            tree.putArray(field).add(1).add(2);
        } else {
            tree.put(field, 42);
        }
        return tree;
    }

    /** Fails loudly when a generated record would be valid: then the processor would rightly apply it. */
    private static void requireRejected(Contract contract, BadRecord bad) {
        if (bad.value() == null || bad.key() == null) {
            return;
        }
        Object parsed;
        try {
            parsed = contract.topic().valueSerde().deserializer().deserialize(bad.topic(), bad.value());
        } catch (RuntimeException rejected) {
            return;
        }
        String key = new String(bad.key(), StandardCharsets.UTF_8);
        String jobId = parsed instanceof JobCommand c ? c.jobId() : parsed instanceof BatchObservation o ? o.jobId()
                : parsed instanceof TriggerResult r ? r.jobId() : parsed instanceof DeliveryProgress p ? p.jobId()
                : parsed instanceof DownstreamObservation d ? d.jobId() : null;
        if (parsed != null && key.equals(jobId)) {
            throw new IllegalStateException("the fuzzer made a valid " + bad.kind() + " record: " + new String(bad.value(), StandardCharsets.UTF_8));
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] json(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
