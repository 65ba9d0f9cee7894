package dev.tecko.app;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.JobCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The configuration of a whole system that shares the test broker with other tests yet sees none of their records: its
 * own topic prefix, application id and groups, two partitions, and free ports for its HTTP endpoints.
 */
final class IsolatedSystem {
    private IsolatedSystem() {
    }

    /** @param extra settings of the test, added last */
    static TeckoConfig config(EmbeddedKafka kafka, Map<String, String> extra) {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        var settings = new HashMap<>(UpCommandIT.ANY_FREE_PORTS);
        settings.putAll(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), TeckoConfig.TOPIC_PREFIX, prefix,
                "TECKO_TOPIC_PARTITIONS", "2", "TECKO_PROCESSOR_APPLICATION_ID", prefix + "processor",
                "TECKO_POLLER_GROUP_ID", prefix + "poller", "TECKO_DISPATCHER_GROUP_ID", prefix + "dispatcher"));
        settings.putAll(extra);
        return TeckoConfig.of(settings);
    }

    /** Writes a command to {@code job-commands} as another team's Java client would. */
    static void send(TeckoConfig config, JobCommand command) throws Exception {
        var props = new Properties();
        props.putAll(config.kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        var topic = config.topics().jobCommands();
        try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), command.jobId(), command)).get();
        }
    }
}
