import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads tecko's compacted {@code job-status} topic as a table: every job's latest snapshot, then every change, one line
 * each. Needs only kafka-clients and jackson-databind on the class path.
 *
 * <pre>
 * java -cp kafka-clients.jar:jackson-databind.jar:jackson-core.jar:jackson-annotations.jar:slf4j-api.jar JobStatusConsumer.java \
 *     localhost:9092 tecko.job-status [max-records] [client.properties]
 * </pre>
 * {@code client.properties} holds whatever your cluster needs (for Confluent Cloud / MSK: {@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}).
 */
public final class JobStatusConsumer {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JobStatusConsumer <bootstrap-servers> [topic] [max-records] [client.properties]");
            System.exit(2);
        }
        String topic = args.length > 1 ? args[1] : "tecko.job-status";
        long maxRecords = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;

        Properties props = new Properties();
        if (args.length > 3) {
            try (Reader in = new FileReader(args[3])) {
                props.load(in);
            }
        }
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        // the processor writes with exactly-once transactions: never show a snapshot of an aborted one
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            // no consumer group: a table is read whole, from the beginning, by every reader
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            while (seen < maxRecords) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(describe(record.key(), record.value()));
                    if (++seen >= maxRecords) {
                        break;
                    }
                }
            }
        }
    }

    /** One line per snapshot; a null value (tombstone) means the job was deleted. Unknown fields are ignored. */
    static String describe(String jobId, String value) throws IOException {
        if (value == null) {
            return "job " + jobId + " deleted";
        }
        JsonNode job = JSON.readTree(value);
        JsonNode counts = job.path("counts");
        return "job " + jobId + " status=" + job.path("status").asText()
                + " generation=" + job.path("generation").asInt()
                + " batches completed=" + counts.path("completed").asInt() + " failed=" + counts.path("failed").asInt()
                + " open=" + counts.path("open").asInt() + " total=" + counts.path("total").asInt();
    }
}
