package dev.tecko.schemas.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The contract test kit: which schema belongs to which record, and a draft 2020-12 validator that resolves
 * {@code https://tecko.dev/schemas/*} from the classpath (offline), with {@code format} asserted.
 */
public final class Contracts {
    public static final String ID_PREFIX = "https://tecko.dev/schemas/";
    /** Module-relative folders (surefire runs in the module directory). */
    public static final Path JSON_DIR = Path.of("json");
    public static final Path EXAMPLES_DIR = Path.of("examples");
    public static final Path COMPAT_DIR = Path.of("compat");

    /** Schema name (file name without {@code .schema.json}) → the record it describes. */
    public static final Map<String, Class<?>> RECORDS;

    static {
        var records = new LinkedHashMap<String, Class<?>>();
        records.put("job-command", JobCommand.class);
        records.put("batch-observation", BatchObservation.class);
        records.put("job-snapshot", JobSnapshot.class);
        records.put("job-event", JobEvent.class);
        records.put("trigger-command", TriggerCommand.class);
        records.put("trigger-result", TriggerResult.class);
        records.put("delivery-progress", dev.tecko.schemas.DeliveryProgress.class);
        records.put("downstream-observation", dev.tecko.schemas.DownstreamObservation.class);
        records.put("webhook-handover", dev.tecko.schemas.WebhookHandover.class);
        records.put("batch-discovery", dev.tecko.schemas.BatchDiscovery.class);
        records.put("encrypted-secret", EncryptedSecret.class);
        RECORDS = java.util.Collections.unmodifiableMap(records);
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/"))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final tools.jackson.databind.ObjectMapper JACKSON3 = new tools.jackson.databind.ObjectMapper();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Contracts() {
    }

    public static Schema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + n + ".schema.json"));
            schema.initializeValidators();
            return schema;
        });
    }

    /** The schema's complaints about {@code json}, one line each; empty when valid. */
    public static List<String> errors(String schemaName, String json) {
        List<Error> errors = schema(schemaName).validate(JACKSON3.readTree(json));
        return errors.stream().map(Error::toString).toList();
    }

    public static List<String> errors(String schemaName, JsonNode json) {
        return errors(schemaName, json.toString());
    }

    public static List<String> errors(String schemaName, byte[] json) {
        return errors(schemaName, new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String schemaName(Class<?> recordType) {
        return RECORDS.entrySet().stream().filter(e -> e.getValue() == recordType).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schema for " + recordType));
    }

    /** Every example file, as (schema name, path). */
    public static List<Path> examples(String schemaName) {
        try (Stream<Path> files = Files.list(EXAMPLES_DIR.resolve(schemaName))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readJson(Path file) {
        try {
            return Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
