package dev.tecko.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.json.JsonSerde;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schemas and the records agree: what one rejects, the other rejects too, naming the same field. */
@DisplayName("schemas and records agree")
class SchemaAgreementTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static Arguments bad(String schema, String example, String field, String what, Consumer<ObjectNode> breakIt) {
        return Arguments.of(schema, example, field, what, breakIt);
    }

    static Stream<Arguments> brokenPayloads() {
        return Stream.of(
                bad("job-command", "create-minimal", "schemaVersion", "schemaVersion missing", n -> n.remove("schemaVersion")),
                bad("job-command", "create-minimal", "schemaVersion", "schemaVersion 0 is not a version", n -> n.put("schemaVersion", -1)),
                bad("job-command", "create-minimal", "spec", "create without spec", n -> n.remove("spec")),
                bad("job-command", "pause", "spec", "pause with a spec", n -> n.set("spec", example("job-command", "create-minimal").get("spec"))),
                bad("job-command", "update", "patch", "update without patch", n -> n.remove("patch")),
                bad("job-command", "pause", "patch", "pause with a patch", n -> n.set("patch", example("job-command", "update").get("patch"))),
                bad("job-command", "pause", "type", "unknown command type", n -> n.put("type", "launch")),
                bad("job-command", "pause", "jobId", "job id with a space", n -> n.put("jobId", "nightly run")),
                bad("job-command", "pause", "jobId", "job id of 256 characters", n -> n.put("jobId", "j".repeat(256))),
                bad("job-command", "pause", "commandId", "empty command id", n -> n.put("commandId", "")),
                bad("job-command", "pause", "issuedAt", "issuedAt missing", n -> n.remove("issuedAt")),
                bad("job-command", "create-minimal", "name", "blank job name", n -> spec(n).put("name", "   ")),
                bad("job-command", "create-minimal", "batchIds", "no batch ids", n -> spec(n).set("batchIds", F.arrayNode())),
                bad("job-command", "create-minimal", "batchIds", "duplicate batch ids", n -> ((ArrayNode) spec(n).get("batchIds")).add(spec(n).get("batchIds").get(0))),
                bad("job-command", "create-minimal", "batchIds", "batch id with a slash", n -> ((ArrayNode) spec(n).get("batchIds")).add("batch/1")),
                bad("job-command", "create-minimal", "pollIntervalSeconds", "poll interval below 10", n -> spec(n).put("pollIntervalSeconds", 9)),
                bad("job-command", "create-minimal", "pollIntervalSeconds", "poll interval above a day", n -> spec(n).put("pollIntervalSeconds", 86_401)),
                bad("job-command", "create-minimal", "maxPollIntervalSeconds", "max poll interval above a day", n -> spec(n).put("maxPollIntervalSeconds", 90_000)),
                bad("job-command", "create-minimal", "openaiSecret", "openai secret missing", n -> spec(n).remove("openaiSecret")),
                bad("job-command", "create-minimal", "target.stackUrl", "keboola target without stack", n -> target(n).remove("stackUrl")),
                bad("job-command", "create-minimal", "target.componentId", "keboola target without component", n -> target(n).remove("componentId")),
                bad("job-command", "create-minimal", "target.configId", "keboola target without config", n -> target(n).remove("configId")),
                bad("job-command", "create-minimal", "target.stackUrl", "stack URL with credentials", n -> target(n).put("stackUrl", "https://me:pw@connection.keboola.com")),
                bad("job-command", "create-minimal", "target.stackUrl", "stack URL not http", n -> target(n).put("stackUrl", "ftp://connection.keboola.com")),
                bad("job-command", "create-minimal", "target.url", "keboola target with a webhook url", n -> target(n).put("url", "https://hooks.example.com/x")),
                bad("job-command", "create-minimal", "target.secret", "target without secret", n -> target(n).remove("secret")),
                bad("job-command", "create-minimal", "target.type", "unknown target type", n -> target(n).put("type", "airflow")),
                bad("job-command", "create-webhook", "target.url", "webhook target without url", n -> target(n).remove("url")),
                bad("job-command", "create-webhook", "target", "webhook target with a component", n -> target(n).put("componentId", "kds-team.app-custom-python")),
                bad("job-command", "create-webhook", "target", "webhook target with config rows", n -> target(n).set("configRowIds", F.arrayNode().add("1"))),
                bad("job-command", "create-minimal", "triggerPolicy.type", "unknown policy type", n -> policy(n).put("type", "sometimes")),
                bad("job-command", "create-minimal", "triggerPolicy.minCompletedRatio", "ratio with policy always", n -> policy(n).put("minCompletedRatio", 0.5)),
                bad("job-command", "create-minimal", "triggerPolicy.minCompletedRatio", "ratio policy without ratio", n -> policy(n).put("type", "min_completed_ratio")),
                bad("job-command", "create-minimal", "triggerPolicy.minCompletedRatio", "ratio 0", n -> policy(n).put("type", "min_completed_ratio").put("minCompletedRatio", 0.0)),
                bad("job-command", "create-minimal", "triggerPolicy.minCompletedRatio", "ratio above 1", n -> policy(n).put("type", "min_completed_ratio").put("minCompletedRatio", 1.5)),
                bad("job-command", "update", "patch", "patch that changes nothing", n -> n.set("patch", F.objectNode())),
                bad("job-command", "update", "patch", "patch with only clearDeadline false", n -> n.set("patch", F.objectNode().put("clearDeadline", false))),
                bad("job-command", "update", "clearDeadline", "patch clearing and setting the deadline", n -> ((ObjectNode) n.get("patch")).put("deadline", "2025-03-05T00:00:00Z")),
                bad("job-command", "update", "pollIntervalSeconds", "patch poll interval 5", n -> ((ObjectNode) n.get("patch")).put("pollIntervalSeconds", 5)),

                bad("batch-observation", "polled-minimal", "status", "unknown batch status", n -> n.put("status", "done")),
                bad("batch-observation", "polled-minimal", "status", "status in upper case", n -> n.put("status", "COMPLETED")),
                bad("batch-observation", "polled-minimal", "batchId", "batch id missing", n -> n.remove("batchId")),
                bad("batch-observation", "polled-minimal", "batchId", "batch id with a space", n -> n.put("batchId", "batch 1")),
                bad("batch-observation", "polled-minimal", "observedAt", "observedAt missing", n -> n.remove("observedAt")),
                bad("batch-observation", "polled-minimal", "source", "unknown source", n -> n.put("source", "push")),
                bad("batch-observation", "polled-minimal", "requestCounts.total", "negative total", n -> ((ObjectNode) n.get("requestCounts")).put("total", -1)),
                bad("batch-observation", "polled-minimal", "total", "counts without total", n -> ((ObjectNode) n.get("requestCounts")).remove("total")),
                bad("batch-observation", "poll-error", "pollError.code", "poll error without code", n -> ((ObjectNode) n.get("pollError")).remove("code")),
                bad("batch-observation", "polled-minimal", "outputFileId", "blank output file id", n -> n.put("outputFileId", " ")),

                bad("job-snapshot", "active-minimal", "batches", "no batches", n -> n.set("batches", F.arrayNode())),
                bad("job-snapshot", "active-minimal", "generation", "generation 0", n -> n.put("generation", 0)),
                bad("job-snapshot", "active-minimal", "generation", "generation not a number", n -> n.put("generation", "one")),
                bad("job-snapshot", "active-minimal", "status", "unknown job status", n -> n.put("status", "running")),
                bad("job-snapshot", "active-minimal", "pollIntervalSeconds", "poll interval 0", n -> n.put("pollIntervalSeconds", 0)),
                bad("job-snapshot", "active-minimal", "version", "negative version", n -> n.put("version", -1)),
                bad("job-snapshot", "active-minimal", "batches.status", "batch without status", n -> ((ObjectNode) n.get("batches").get(0)).remove("status")),
                bad("job-snapshot", "completed-full", "lastTrigger.requestedAt", "last trigger without requestedAt", n -> ((ObjectNode) n.get("lastTrigger")).remove("requestedAt")),
                bad("job-snapshot", "completed-full", "lastTrigger.generation", "last trigger generation 0", n -> ((ObjectNode) n.get("lastTrigger")).put("generation", 0)),
                bad("job-snapshot", "completed-full", "outcome", "last trigger with unknown outcome", n -> ((ObjectNode) n.get("lastTrigger")).put("outcome", "great")),

                bad("job-event", "created", "status", "created event without status", n -> n.remove("status")),
                bad("job-event", "created", "type", "unknown event type", n -> n.put("type", "exploded")),
                bad("job-event", "created", "sequence", "negative sequence", n -> n.put("sequence", -1)),
                bad("job-event", "created", "generation", "negative generation", n -> n.put("generation", -1)),
                bad("job-event", "batch-changed", "batchId", "batch id with a space", n -> n.put("batchId", "batch 1")),
                bad("job-event", "batch-changed", "batchStatus", "unknown batch status", n -> n.put("batchStatus", "done")),

                bad("trigger-command", "webhook-minimal", "triggerId", "trigger id without generation", n -> n.put("triggerId", "embeddings-catalog-7")),
                bad("trigger-command", "webhook-minimal", "generation", "generation 0", n -> n.put("generation", 0).put("triggerId", "embeddings-catalog-7:0")),
                bad("trigger-command", "webhook-minimal", "batches.status", "a batch still in progress", n -> ((ObjectNode) n.get("batches").get(0)).put("status", "in_progress")),
                bad("trigger-command", "webhook-minimal", "batches", "no batches", n -> n.set("batches", F.arrayNode())),
                bad("trigger-command", "webhook-minimal", "variables", "variables missing", n -> n.remove("variables")),
                bad("trigger-command", "webhook-minimal", "jobName", "job name missing", n -> n.remove("jobName")),

                bad("trigger-result", "failed", "error", "failed outcome without error", n -> n.remove("error")),
                bad("trigger-result", "unknown", "error", "unknown outcome with empty error", n -> n.put("error", "")),
                bad("trigger-result", "ok-minimal", "outcome", "unknown outcome value", n -> n.put("outcome", "maybe")),
                bad("trigger-result", "ok-minimal", "attempts", "negative attempts", n -> n.put("attempts", -1)),
                bad("trigger-result", "ok-minimal", "triggerId", "malformed trigger id", n -> n.put("triggerId", "x")),
                bad("trigger-result", "ok-minimal", "completedAt", "completedAt missing", n -> n.remove("completedAt")),

                bad("encrypted-secret", "keboola-minimal", "algorithm", "another algorithm", n -> n.put("algorithm", "AES-128-CBC")),
                bad("encrypted-secret", "keboola-minimal", "nonce", "nonce not base64", n -> n.put("nonce", "not base64!")),
                bad("encrypted-secret", "keboola-minimal", "ciphertext", "ciphertext missing", n -> n.remove("ciphertext")),
                bad("encrypted-secret", "keboola-minimal", "type", "unknown secret type", n -> n.put("type", "github")),
                bad("encrypted-secret", "keboola-minimal", "name", "name with a slash", n -> n.put("name", "team/token")),
                bad("encrypted-secret", "openai-full", "baseUrl", "base URL not http", n -> n.put("baseUrl", "file:///etc/passwd")),
                bad("encrypted-secret", "openai-full", "baseUrl", "base URL with credentials", n -> n.put("baseUrl", "https://u:p@api.openai.com/v1")));
    }

    @ParameterizedTest(name = "{0}/{1}: {3}")
    @MethodSource("brokenPayloads")
    @DisplayName("given a payload that breaks the contract when checked then the schema rejects it and the record rejects it naming the field")
    void givenBrokenPayload_whenChecked_thenSchemaAndRecordReject(String schema, String example, String field, String what,
                                                                   Consumer<ObjectNode> breakIt) throws Exception {
        ObjectNode payload = example(schema, example);
        assertThat(Contracts.errors(schema, payload)).as("the unbroken example is valid").isEmpty();
        breakIt.accept(payload);
        byte[] bytes = Json.mapper().writeValueAsBytes(payload);

        assertThat(Contracts.errors(schema, payload)).as("schema errors for " + what).isNotEmpty();
        var serde = new JsonSerde<>(Contracts.RECORDS.get(schema));
        assertThatThrownBy(() -> serde.fromBytes(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(field);
    }

    static Stream<Arguments> deletions() {
        List<Arguments> all = new ArrayList<>();
        for (String schema : Contracts.RECORDS.keySet()) {
            for (Path file : Contracts.examples(schema)) {
                JsonNode example = Contracts.readJson(file);
                for (String pointer : memberPointers(example, "")) {
                    all.add(Arguments.of(schema, file.getFileName().toString(), pointer));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}/{1} without {2}")
    @MethodSource("deletions")
    @DisplayName("given an example without one of its properties when checked then schema and record give the same verdict")
    void givenExampleMissingAProperty_whenChecked_thenSchemaAndRecordAgree(String schema, String file, String pointer) throws Exception {
        ObjectNode payload = (ObjectNode) Contracts.readJson(Contracts.EXAMPLES_DIR.resolve(schema).resolve(file));
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) payload.at(pointer.substring(0, slash))).remove(unescape(pointer.substring(slash + 1)));

        boolean schemaAccepts = Contracts.errors(schema, payload).isEmpty();
        boolean recordAccepts;
        try {
            new JsonSerde<>(Contracts.RECORDS.get(schema)).fromBytes(Json.mapper().writeValueAsBytes(payload));
            recordAccepts = true;
        } catch (SerializationException e) {
            recordAccepts = false;
        }
        assertThat(schemaAccepts).as("schema accepts %s without %s (record accepts: %s)", file, pointer, recordAccepts)
                .isEqualTo(recordAccepts);
    }

    private static List<String> memberPointers(JsonNode node, String at) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                pointers.add(p);
                pointers.addAll(memberPointers(e.getValue(), p));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers.addAll(memberPointers(node.get(i), at + "/" + i));
            }
        }
        return pointers;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    static ObjectNode example(String schema, String name) {
        return (ObjectNode) Contracts.readJson(Contracts.EXAMPLES_DIR.resolve(schema).resolve(name + ".json"));
    }

    private static ObjectNode spec(ObjectNode command) {
        return (ObjectNode) command.get("spec");
    }

    private static ObjectNode target(ObjectNode command) {
        return (ObjectNode) command.get("spec").get("target");
    }

    private static ObjectNode policy(ObjectNode command) {
        return (ObjectNode) command.get("spec").get("triggerPolicy");
    }
}
