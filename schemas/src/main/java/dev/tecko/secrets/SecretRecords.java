package dev.tecko.secrets;

import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
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
}
