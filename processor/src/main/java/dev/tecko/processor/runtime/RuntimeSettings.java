package dev.tecko.processor.runtime;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.topology.ErrorHandling;
import dev.tecko.schemas.topics.RecordLimits;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How the processor runs (as opposed to what it computes): the Kafka Streams application settings, read from
 * {@code TECKO_PROCESSOR_*} and the {@code TECKO_KAFKA_*} pass-through.
 */
public record RuntimeSettings(
        String applicationId,
        Path stateDir,
        int threads,
        int standbyReplicas,
        Optional<Long> commitIntervalMs,
        Guarantee guarantee,
        Optional<HostInfo> applicationServer,
        Properties kafka) {

    public static final String APPLICATION_ID = "TECKO_PROCESSOR_APPLICATION_ID";
    public static final String STATE_DIR = "TECKO_PROCESSOR_STATE_DIR";
    public static final String THREADS = "TECKO_PROCESSOR_THREADS";
    public static final String STANDBY_REPLICAS = "TECKO_PROCESSOR_STANDBY_REPLICAS";
    public static final String COMMIT_INTERVAL_MS = "TECKO_PROCESSOR_COMMIT_INTERVAL_MS";
    public static final String GUARANTEE = "TECKO_PROCESSOR_GUARANTEE";
    public static final String APPLICATION_SERVER = "TECKO_PROCESSOR_APPLICATION_SERVER";
    public static final String DEFAULT_APPLICATION_ID = "tecko-processor";

    public enum Guarantee {
        EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2),
        AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

        private final String streamsValue;

        Guarantee(String streamsValue) {
            this.streamsValue = streamsValue;
        }

        public String streamsValue() {
            return streamsValue;
        }
    }

    public static RuntimeSettings from(TeckoConfig config) {
        return new RuntimeSettings(
                config.string(APPLICATION_ID, DEFAULT_APPLICATION_ID),
                Path.of(config.string(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "tecko-streams").toString())),
                config.integer(THREADS, 1, 1, 64),
                config.integer(STANDBY_REPLICAS, 0, 0, 10),
                config.optional(COMMIT_INTERVAL_MS).map(v -> config.number(COMMIT_INTERVAL_MS, 0, 1, 3_600_000)),
                config.choice(GUARANTEE, Guarantee.class, Guarantee.EXACTLY_ONCE_V2),
                config.optional(APPLICATION_SERVER).map(RuntimeSettings::hostInfo),
                config.kafka());
    }

    private static HostInfo hostInfo(String value) {
        try {
            return HostInfo.buildFromEndpoint(value);
        } catch (RuntimeException e) {
            throw new ConfigException(APPLICATION_SERVER + " must be host:port, got '" + value + "'");
        }
    }

    /**
     * How long a commit waits for an unreachable broker (the Streams producer's {@code max.block.ms}; Kafka's default is 1
     * min). A commit that gives up makes Kafka Streams close and revive its tasks as "corrupted"; after a broker outage of
     * 3 min that path left one task of Kafka Streams 4.3.1 consuming its input to the end with nothing coming out (its
     * jobs' observations applied to no job: the store's content gone), so those jobs never triggered (BrokerRestartIT
     * with one seed: 5 of 5 runs failed this way, 22-24 of 100 jobs lost, all of one partition). Waiting instead, the
     * commit goes through once the broker is back (or finds its transaction aborted and is fenced, which Kafka Streams
     * handles as a rebalance, restoring every store from its changelog): the same seed then passed.
     */
    public static final Duration COMMIT_WAITS_FOR_BROKER = Duration.ofMinutes(10);

    /** The Kafka Streams properties: the pass-through first, the processor's own settings over it. */
    public Properties streamsProperties(Topics topics) {
        var props = new Properties();
        // a job's create command, its stored state and its snapshot can be tens of MB (RecordLimits); settings may override
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
                Integer.toString(RecordLimits.topicMaxMessageBytes(RecordLimits.JOB_RECORD_BYTES)));
        RecordLimits.jobRecordProducer().forEach((name, value) -> props.put(StreamsConfig.producerPrefix(name), value));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), Long.toString(COMMIT_WAITS_FOR_BROKER.toMillis()));
        props.putAll(kafka);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.streamsValue());
        commitIntervalMs.ifPresent(ms -> props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ms));
        applicationServer.ifPresent(host -> props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port()));
        props.putAll(ErrorHandling.deadLetterQueue(topics));
        return props;
    }
}
