package dev.tecko.resilience;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One isolated tecko installation on a broker: its own topic prefix (so test classes sharing a broker never meet),
 * master key, application and group ids, and the {@code TECKO_*} settings every runtime of the test uses, in-process
 * ({@link #config()}) or in a child JVM ({@link #environment()}).
 */
final class Cluster {
    static final int PARTITIONS = 4;

    private final EmbeddedKafka kafka;
    private final Topics topics;
    private final String masterKey = MasterKey.generateBase64();
    private final Map<String, String> settings = new LinkedHashMap<>();

    Cluster(EmbeddedKafka kafka, String name) {
        this.kafka = kafka;
        String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.topics = new Topics(prefix);
        settings.put(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(TeckoConfig.TOPIC_PREFIX, prefix);
        settings.put(MasterKey.ENV, masterKey);
        settings.put(RuntimeSettings.APPLICATION_ID, prefix + "processor");
        settings.put("TECKO_POLLER_GROUP_ID", prefix + "poller");
        settings.put("TECKO_DISPATCHER_GROUP_ID", prefix + "dispatcher");
        // the sandbox Keboola's search shows a job at once unless a test gives it a lag: a short settle window suffices
        settings.put("TECKO_DISPATCHER_SETTLE_SECONDS", "1");
        // the sandbox stand-ins listen on loopback, which the target allow-list refuses unless told otherwise
        settings.put("TECKO_API_ALLOW_LOOPBACK", "true");
        // the broker's minimum: a member killed with SIGKILL leaves its group after 6 s instead of 45
        settings.put("TECKO_KAFKA_SESSION_TIMEOUT_MS", "6000");
        settings.put("TECKO_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        // the processor's REST API is not under test here; off, it needs no port or token in a child JVM
        settings.put("TECKO_API_ENABLED", "false");
        try (Admin admin = admin()) {
            new TopicAdmin(admin).createAll(topics, PARTITIONS, (short) 1);
        }
    }

    /** Adds or replaces a setting for every runtime started afterwards. */
    Cluster with(String name, String value) {
        settings.put(name, value);
        return this;
    }

    TeckoConfig config() {
        return TeckoConfig.of(settings);
    }

    /** The processor's state lives here; a restarted processor given the same directory is the same instance. */
    TeckoConfig processorConfig(Path stateDir) {
        return config().with(RuntimeSettings.STATE_DIR, stateDir.toString());
    }

    Map<String, String> environment() {
        return Map.copyOf(settings);
    }

    Topics topics() {
        return topics;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /** Stores a credential the way the API does: AES-GCM encrypted under this cluster's master key, on the secrets topic. */
    void storeSecret(String name, SecretType type, String baseUrl, String value) {
        var encrypted = new SecretCipher(MasterKey.fromBase64(masterKey, "test")).encrypt(name, type, baseUrl, value, Instant.now());
        try (var producer = producer(topics.secrets())) {
            producer.send(new ProducerRecord<>(topics.secrets().name(), name, encrypted)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot store secret " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An idempotent producer of the topic's contract type, as the API and other teams write. */
    <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        return new KafkaProducer<>(producerSettings(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** For bytes no contract type can hold: the fuzzer's records. */
    KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(producerSettings(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> producerSettings() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
    }

    <K, V> CommittedReader<K, V> reader(Topic<K, V> topic) {
        return new CommittedReader<>(kafka.bootstrapServers(), topic);
    }
}
