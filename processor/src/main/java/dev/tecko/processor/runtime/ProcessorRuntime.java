package dev.tecko.processor.runtime;

import dev.tecko.config.TeckoConfig;
import dev.tecko.processor.topology.JobTopology;
import dev.tecko.processor.topology.ProcessorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor topology: builds it from config, starts and stops Kafka Streams, exposes the job store for
 * interactive queries. A stream thread that dies of an unexpected exception is logged and replaced.
 */
public final class ProcessorRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorRuntime.class);
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorSettings settings;
    private final RuntimeSettings runtime;
    private final MeterRegistry registry;
    private final JobQueryView queries;
    private volatile KafkaStreams streams;

    public ProcessorRuntime(TeckoConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    public ProcessorRuntime(TeckoConfig config, MeterRegistry registry) {
        this.settings = ProcessorSettings.from(config);
        this.runtime = RuntimeSettings.from(config);
        this.registry = registry;
        this.queries = new StoreJobQueryView(() -> streams, settings.storeName());
    }

    /** Builds the topology and starts Kafka Streams; returns at once (the threads join the group in the background). */
    public synchronized ProcessorRuntime start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        Topology topology = JobTopology.build(settings, registry);
        Properties props = runtime.streamsProperties(settings.topics());
        var created = new KafkaStreams(topology, props);
        created.setUncaughtExceptionHandler(error -> {
            LOG.error("stream thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((now, before) -> LOG.info("processor {}: {} -> {}", runtime.applicationId(), before, now));
        streams = created;
        created.start();
        return this;
    }

    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.CREATED : running.state();
    }

    /** Whether every stream thread is processing (not starting, rebalancing or stopped). */
    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    public JobQueryView queries() {
        return queries;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public ProcessorSettings settings() {
        return settings;
    }

    public RuntimeSettings runtimeSettings() {
        return runtime;
    }

    /**
     * Clean shutdown: commits, closes the store and leaves the group (so the partitions move to the other instances at
     * once instead of after the session timeout); waits up to {@link #CLOSE_TIMEOUT}.
     */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    public synchronized void close(Duration timeout) {
        KafkaStreams running = streams;
        if (running != null) {
            var options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(timeout);
            if (!running.close(options)) {
                LOG.warn("processor {} did not stop within {}", runtime.applicationId(), timeout);
            }
        }
    }
}
