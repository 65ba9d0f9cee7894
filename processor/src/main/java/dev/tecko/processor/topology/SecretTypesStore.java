package dev.tecko.processor.topology;

import dev.tecko.processor.machine.SecretTypes;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topic;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every secret's type by name, read from the whole {@code secrets} topic into a global store (in memory, rebuilt from
 * the topic at start), so the job processor can check a command's secret references where it applies them. Only names
 * and types are kept: the processor needs no master key and holds no ciphertext.
 */
final class SecretTypesStore {
    static final String STORE = "secret-types";
    static final String SOURCE = "secrets-source";
    private static final Logger LOG = LoggerFactory.getLogger(SecretTypesStore.class);

    private SecretTypesStore() {
    }

    static void addTo(StreamsBuilder builder, Topic<String, EncryptedSecret> secrets) {
        // raw bytes: a record another team wrote badly is skipped here, never stops the global thread
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(), secrets.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE),
                () -> new Updater(secrets));
    }

    /** The job processor's view of the store. */
    static SecretTypes view(KeyValueStore<String, String> store) {
        return name -> Optional.ofNullable(store.get(name)).map(SecretType::valueOf);
    }

    /** Keeps the store in step with the topic: a secret's type under its name, nothing for a tombstone. */
    private static final class Updater implements Processor<String, byte[], Void, Void> {
        private final Topic<String, EncryptedSecret> topic;
        private KeyValueStore<String, String> store;

        Updater(Topic<String, EncryptedSecret> topic) {
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            try {
                EncryptedSecret secret = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                if (secret.name().equals(record.key())) {
                    store.put(record.key(), secret.type().name());
                } else {
                    LOG.warn("secrets record keyed '{}' names another secret: not taken for its type", record.key());
                }
            } catch (RuntimeException e) {
                LOG.warn("secrets record keyed '{}' is unreadable, not taken for its type: {}", record.key(), e.getMessage());
            }
        }
    }
}
