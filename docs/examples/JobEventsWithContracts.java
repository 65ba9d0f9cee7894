import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows tecko's {@code job-events} with the {@code tecko-schemas} jar: the topic catalog names the topic and gives its
 * serdes, the records are typed, and a rejected command says why by its {@code rejectionCode}. Needs the tecko-schemas
 * jar, kafka-clients and Jackson (databind, core, annotations, datatype-jsr310) on the class path, and nothing else of
 * tecko's.
 *
 * <pre>
 * java -cp tecko-schemas.jar:kafka-clients.jar:jackson-databind.jar:jackson-core.jar:jackson-annotations.jar:\
 *     jackson-datatype-jsr310.jar:slf4j-api.jar JobEventsWithContracts.java localhost:9092 tecko. [max-records]
 * </pre>
 */
public final class JobEventsWithContracts {
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: JobEventsWithContracts <bootstrap-servers> [topic-prefix] [max-records]");
            System.exit(2);
        }
        Topic<String, JobEvent> events = new Topics(args.length > 1 ? args[1] : "tecko.").jobEvents();
        long maxRecords = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        // the processor writes with exactly-once transactions: never show an event of an aborted one
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

        try (var consumer = new KafkaConsumer<>(props, events.keySerde().deserializer(), events.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(events.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(events.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            while (seen < maxRecords) {
                for (ConsumerRecord<String, JobEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(describe(record.value()));
                    if (++seen >= maxRecords) {
                        break;
                    }
                }
            }
        }
    }

    /** One line per event; a rejection is told apart by its code, never by its message (which is for people). */
    static String describe(JobEvent event) {
        String line = "job " + event.jobId() + " #" + event.sequence() + " " + event.type().name().toLowerCase();
        if (event.type() == EventType.COMMAND_REJECTED && event.rejectionCode() != null) {
            line += " " + event.rejectionCode().wire();
        }
        return line;
    }
}
