package dev.tecko.secrets;

import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every secret of the compacted {@code secrets} topic, kept current by a background reader that assigns itself all
 * partitions (no consumer group: every instance needs every secret). Tombstones remove; unreadable records are skipped
 * with a log line naming their offset.
 */
public final class TopicSecretSource implements SecretSource {
    private static final Logger log = LoggerFactory.getLogger(TopicSecretSource.class);

    private final Map<String, EncryptedSecret> byName = new ConcurrentHashMap<>();
    private final SecretCipher cipher;
    private final Topic<String, EncryptedSecret> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    public TopicSecretSource(Properties kafka, Topic<String, EncryptedSecret> topic, SecretCipher cipher) {
        this.topic = topic;
        this.cipher = cipher;
        var props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::run, "tecko-secrets-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Blocks until everything on the topic at start-up has been read, or the timeout passes. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("secrets reader stopped: {}", e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            byName.remove(record.key());
            return;
        }
        try {
            byName.put(record.key(), topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable secret record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public Optional<Secret> find(String name) {
        EncryptedSecret encrypted = byName.get(name);
        return encrypted == null ? Optional.empty() : Optional.of(cipher.decrypt(encrypted));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
