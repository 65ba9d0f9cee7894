package dev.tecko.processor.api.views;

import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.TopicTail;
import dev.tecko.secrets.SecretRecords;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Every secret of the compacted {@code secrets} topic, as ciphertext: for listing, the 422/409 checks and the key check. */
public final class SecretsView implements AutoCloseable {
    private final Map<String, EncryptedSecret> byName = new ConcurrentHashMap<>();
    private final Topic<String, EncryptedSecret> topic;
    private final ChangeSignal signal = new ChangeSignal();
    private final TopicTail tail;

    public SecretsView(Properties kafka, Topic<String, EncryptedSecret> topic) {
        this.topic = topic;
        this.tail = new TopicTail(kafka, List.of(topic.name()), "secrets-view", this::apply);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        EncryptedSecret secret = SecretRecords.read(topic, record);
        if (secret == null) {
            byName.remove(record.key());
        } else {
            byName.put(record.key(), secret);
        }
        signal.changed();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    public Optional<EncryptedSecret> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Sorted by name. */
    public List<EncryptedSecret> all() {
        return byName.values().stream().sorted(Comparator.comparing(EncryptedSecret::name)).toList();
    }

    /** Waits, bounded, until the view holds exactly this secret (or, for null, none of that name). */
    public boolean awaitState(String name, EncryptedSecret expected, Duration timeout) {
        return signal.awaitUntil(() -> expected == null ? !byName.containsKey(name)
                : expected.nonce().equals(Optional.ofNullable(byName.get(name)).map(EncryptedSecret::nonce).orElse(null)), timeout);
    }

    @Override
    public void close() {
        tail.close();
    }
}
