package dev.tecko.secrets;

import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.TopicTail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every secret of the compacted {@code secrets} topic, kept current by a {@link TopicTail} (no consumer group: every
 * instance needs every secret). Tombstones remove; unreadable records, and records whose key is not the secret's name,
 * are skipped with a log line naming their offset.
 */
public final class TopicSecretSource implements SecretSource {
    private final Map<String, EncryptedSecret> byName = new ConcurrentHashMap<>();
    private final SecretCipher cipher;
    private final Topic<String, EncryptedSecret> topic;
    private final TopicTail tail;

    public TopicSecretSource(Properties kafka, Topic<String, EncryptedSecret> topic, SecretCipher cipher) {
        this.topic = topic;
        this.cipher = cipher;
        this.tail = new TopicTail(kafka, List.of(topic.name()), "secrets", this::apply);
    }

    /** Blocks until everything on the topic at start-up has been read, or the timeout passes. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        EncryptedSecret secret = SecretRecords.read(topic, record);
        if (secret == null) {
            byName.remove(record.key());
            return;
        }
        byName.put(record.key(), secret);
    }

    @Override
    public Optional<Secret> find(String name) {
        EncryptedSecret encrypted = byName.get(name);
        return encrypted == null ? Optional.empty() : Optional.of(cipher.decrypt(encrypted));
    }

    @Override
    public void close() {
        tail.close();
    }
}
