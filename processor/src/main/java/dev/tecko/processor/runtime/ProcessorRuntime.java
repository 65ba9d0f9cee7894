package dev.tecko.processor.runtime;

import dev.tecko.observability.health.HealthCheck;
import dev.tecko.observability.health.Heartbeat;
import dev.tecko.observability.http.OpsSettings;
import dev.tecko.observability.metrics.KafkaStreamsBinder;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.query.JobQueryView;
import dev.tecko.processor.query.QueryableProcessor;
import dev.tecko.processor.topology.ErrorHandling;
import dev.tecko.processor.topology.JobTopology;
import dev.tecko.processor.topology.ProcessorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor topology: builds it from config, starts and stops Kafka Streams, exposes the job store for
 * interactive queries. A stream thread that dies of an unexpected exception is logged and replaced. Kafka Streams' own
 * metrics are bound to the registry while it runs; a {@link Heartbeat} ({@code tecko_heartbeat_age_seconds{runtime="processor"}})
 * follows the stream threads' polls (see {@link StreamThreadsWatch}) and feeds {@link #health()}.
 */
public final class ProcessorRuntime implements QueryableProcessor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorRuntime.class);
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The {@code runtime} tag of the heartbeat, and the name of {@code TECKO_PROCESSOR_READY_MAX_LOOP_AGE_SECONDS}. */
    public static final String RUNTIME = "processor";
    /** How often the stream threads' polls are looked at; well under the readiness limit (60 s by default). */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final ProcessorSettings settings;
    private final RuntimeSettings runtime;
    private final MeterRegistry registry;
    private final JobQueryView queries;
    private final Heartbeat heartbeat;
    private final ProcessorHealth health;
    private volatile KafkaStreams streams;
    private volatile boolean stopping;
    private AutoCloseable streamsMetrics;
    private ScheduledExecutorService watch;

    public ProcessorRuntime(TeckoConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    public ProcessorRuntime(TeckoConfig config, MeterRegistry registry) {
        this.settings = ProcessorSettings.from(config);
        this.runtime = RuntimeSettings.from(config);
        this.registry = registry;
        this.queries = new StoreJobQueryView(() -> streams, settings);
        Duration maxLoopAge = OpsSettings.from(config, RUNTIME.toUpperCase(Locale.ROOT), OpsSettings.OFF).maxLoopAge();
        this.heartbeat = new Heartbeat(Clock.systemUTC(), maxLoopAge).register(registry, RUNTIME);
        this.health = new ProcessorHealth(this::state, heartbeat, () -> stopping);
    }

    /** Builds the topology and starts Kafka Streams; returns at once (the threads join the group in the background). */
    public synchronized ProcessorRuntime start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        Topology topology = JobTopology.build(settings, registry);
        Properties props = runtime.streamsProperties(settings.topics());
        props.putAll(ErrorHandling.deadLetterQueue(settings.topics(), registry));
        var created = new KafkaStreams(topology, props);
        created.setUncaughtExceptionHandler(error -> {
            LOG.error("stream thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((now, before) -> LOG.info("processor {}: {} -> {}", runtime.applicationId(), before, now));
        streams = created;
        streamsMetrics = KafkaStreamsBinder.bind(created, registry);
        var threadsWatch = new StreamThreadsWatch(this::streamsMetrics, heartbeat);
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tecko-processor-heartbeat");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleAtFixedRate(threadsWatch::check, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        created.start();
        return this;
    }

    private Map<MetricName, ? extends Metric> streamsMetrics() {
        KafkaStreams running = streams;
        return running == null ? Map.of() : running.metrics();
    }

    @Override
    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.CREATED : running.state();
    }

    /** Whether every stream thread is processing (not starting, rebalancing or stopped). */
    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public JobQueryView queries() {
        return queries;
    }

    /** Liveness and readiness as Streams and the heartbeat see them. */
    public ProcessorHealth health() {
        return health;
    }

    @Override
    public List<HealthCheck> livenessChecks() {
        return health.livenessChecks();
    }

    @Override
    public List<HealthCheck> readinessChecks() {
        return health.readinessChecks();
    }

    public Heartbeat heartbeat() {
        return heartbeat;
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
        stopping = true;
        if (watch != null) {
            watch.shutdownNow();
        }
        KafkaStreams running = streams;
        if (running != null) {
            var options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(timeout);
            if (!running.close(options)) {
                LOG.warn("processor {} did not stop within {}", runtime.applicationId(), timeout);
            }
        }
        if (streamsMetrics != null) {
            try {
                streamsMetrics.close();
            } catch (Exception e) {
                LOG.warn("unbinding the Kafka Streams metrics failed: {}", e.toString());
            }
            streamsMetrics = null;
        }
    }
}
