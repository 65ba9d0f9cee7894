package dev.tecko.api.kafka;

import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.ProblemType;
import dev.tecko.schemas.topics.RecordLimits;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The API's one producer (idempotent, {@code acks=all}): writes a value through its topic's serde and returns once the
 * broker has it, so nothing the API answered as accepted can be lost.
 */
public final class RecordWriter implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;

    public RecordWriter(Properties kafka, Duration timeout) {
        var props = new Properties();
        // a create command for a 10,000-batch job is a few MB (RecordLimits); settings may override
        props.putAll(RecordLimits.jobRecordProducer());
        props.putAll(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.timeout = timeout;
    }

    /** Writes a value, or a tombstone for null. */
    public <V> void write(Topic<String, V> topic, String key, V value) {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiProblem(ProblemType.TIMEOUT, "Kafka did not acknowledge the write within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new ApiProblem(ProblemType.UNAVAILABLE, "Kafka refused the write: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(ProblemType.UNAVAILABLE, "interrupted while writing to Kafka");
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
