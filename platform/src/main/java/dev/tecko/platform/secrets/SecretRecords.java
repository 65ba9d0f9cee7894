package dev.tecko.platform.secrets;

import dev.tecko.platform.kafka.CompactedTopicView;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** How every reader of the {@code secrets} topic reads one record, so they all accept and refuse the same ones. */
public final class SecretRecords {
    private SecretRecords() {
    }

    /**
     * The secret a record holds, or null for a tombstone.
     *
     * @throws IllegalArgumentException when the record's key is not the secret's name: such a record, written by
     *                                  anyone but the API, would make one name decrypt as another's secret
     */
    public static EncryptedSecret read(Topic<String, EncryptedSecret> topic, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        EncryptedSecret secret = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (!secret.name().equals(record.key())) {
            throw new IllegalArgumentException("secrets record keyed '" + record.key() + "' holds the secret named '" + secret.name()
                    + "': refused, the key must be the name");
        }
        return secret;
    }

    /** The {@code secrets} topic as a map of name to ciphertext, read record by record as {@link #read} says. */
    public static CompactedTopicView<String, EncryptedSecret> view(Properties kafka, Topic<String, EncryptedSecret> topic, String name) {
        return new CompactedTopicView<>(kafka, topic, name, record -> read(topic, record), (key, value) -> { });
    }
}
