package dev.tecko.poller.runtime;

import dev.tecko.observability.RuntimeOperations;
import dev.tecko.observability.health.GroupMembership;
import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.secrets.SecretSources;
import dev.tecko.platform.webhooks.StandardWebhooks;
import dev.tecko.poller.check.BatchChecker;
import dev.tecko.poller.check.EndpointResolver;
import dev.tecko.poller.handover.WebhookHandovers;
import dev.tecko.poller.provider.Providers;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.poller.schedule.IntervalPolicy;
import dev.tecko.poller.schedule.Jitter;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.poller.tag.TagSchedule;
import dev.tecko.poller.tag.TagSearcher;
import dev.tecko.poller.webhook.WebhookReceiver;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller: one thread reads {@code job-status} and hands due turns to a pool of {@code TECKO_POLLER_CONCURRENCY}
 * workers (so at most that many HTTP requests are in flight); observations go to {@code batch-status}, tagged jobs'
 * searches to {@code batch-discovery}; optionally an
 * OpenAI webhook endpoint; and its metrics and health endpoint ({@code TECKO_POLLER_METRICS_PORT}, default
 * {@value #DEFAULT_METRICS_PORT}). Only starts and stops things: the logic lives in the schedule and the checker.
 */
public final class PollerRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PollerRuntime.class);
    public static final int DEFAULT_METRICS_PORT = 9401;

    private final PollerSettings settings;
    private final Properties kafka;
    private final Topics topics;
    private final SecretSource secrets;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PollSchedule schedule;
    private final TagSchedule tagSchedule;
    private final RateLimitGate gate = new RateLimitGate();
    private final RuntimeOperations ops;
    private final GroupMembership membership = new GroupMembership("kafka_consumer");
    private ExecutorService workers;
    private Providers client;
    private KafkaObservationSink sink;
    private JobStatusReader reader;
    private WebhookReceiver webhooks;
    private WebhookHandovers handovers;
    private Thread loop;
    private volatile boolean running;

    /** Records into a new Prometheus registry, served at {@code /metrics}. */
    public PollerRuntime(TeckoConfig config) {
        this(config, null);
    }

    /** @param meters where to record as well as {@code /metrics} (a Prometheus registry is served as it is); null for none */
    public PollerRuntime(TeckoConfig config, MeterRegistry meters) {
        this(config, meters, SecretSources.fromConfig(requireBootstrapServers(config), "OpenAI keys"), Clock.systemUTC());
    }

    public PollerRuntime(TeckoConfig config, MeterRegistry meters, SecretSource secrets, Clock clock) {
        this.settings = PollerSettings.from(config);
        this.kafka = config.kafka();
        this.topics = config.topics();
        this.secrets = secrets;
        // the heartbeat measures real time, whatever clock drives the schedule in a test
        this.ops = RuntimeOperations.create(config, "poller", DEFAULT_METRICS_PORT, meters, Clock.systemUTC());
        this.ops.readiness().add(membership);
        this.meters = ops.meters();
        this.clock = clock;
        var intervals = new IntervalPolicy(settings.minIntervalSeconds());
        this.schedule = new PollSchedule(clock, intervals, new Jitter(new Random(), 0.1), settings.notFound());
        this.tagSchedule = new TagSchedule(clock, intervals, new Jitter(new Random(), 0.1), settings.tag());
        requireBootstrapServers(config);
    }

    /** Checked before anything opens a Kafka client, so a missing cluster address is the one clear error. */
    private static TeckoConfig requireBootstrapServers(TeckoConfig config) {
        if (!config.hasBootstrapServers()) {
            throw new ConfigException(TeckoConfig.BOOTSTRAP_SERVERS + " is required for the poller");
        }
        return config;
    }

    public synchronized PollerRuntime start() {
        if (running) {
            return this;
        }
        ops.start();
        running = true;
        log.info("starting poller: {}", settings);
        Gauge.builder("tecko.poller.jobs", schedule, PollSchedule::jobCount).description("jobs this poller owns and watches")
                .register(meters);
        Gauge.builder("tecko.poller.rate.limited.keys", gate, g -> g.blockedKeys(clock.instant()))
                .description("API keys held back by a 429 right now").register(meters);
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "tecko-poller-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        client = Providers.standard(settings.client(), settings.concurrency(), gate, meters, clock);
        sink = new KafkaObservationSink(kafka, topics.batchStatus(), topics.dlq(), schedule, meters, ops.kafka());
        var endpoints = new EndpointResolver(secrets, settings.defaultBaseUrl(), settings.allowList());
        var checker = new BatchChecker(schedule, client, endpoints, gate, sink, settings.check(), meters, clock);
        var tagSearcher = new TagSearcher(tagSchedule, client, endpoints, gate,
                new KafkaDiscoverySink(sink.producer(), topics.batchDiscovery(), tagSchedule), settings.tag(), meters, clock, checker::listed);
        reader = new JobStatusReader(kafka, settings.groupId(), topics.jobStatus(), schedule, tagSchedule, meters, membership, ops.kafka());
        java.util.function.Consumer<String> fetch = batchId -> workers.execute(() -> checker.fetchNow(batchId));
        WebhookReceiver.Handler onWebhook = event -> {
            fetch.accept(event.batchId());
            return WebhookReceiver.Outcome.ACCEPTED;
        };
        if (settings.webhookHandover()) {
            // on every poller, webhook port or not: it owns jobs whose webhooks may reach another poller
            handovers = new WebhookHandovers(kafka, settings.groupId(), topics.jobStatus(), topics.webhookHandover(),
                    reader::loadedPartitions, batchId -> !schedule.secretsWatching(batchId).isEmpty(), fetch, clock, settings.tick(),
                    meters, ops.kafka(), settings.webhookPort().isPresent(),
                    (jobId, secret, batchId) -> workers.execute(() -> checker.fetchFor(jobId, secret, batchId)));
            onWebhook = handovers;
        }
        if (settings.webhookPort().isPresent()) {
            webhooks = new WebhookReceiver(settings.webhookPort().getAsInt(), new StandardWebhooks(settings.webhookSecret()), clock,
                    onWebhook, meters).start();
        }
        loop = new Thread(() -> run(checker, tagSearcher), "tecko-poller-loop");
        loop.start();
        return this;
    }

    private void run(BatchChecker checker, TagSearcher tagSearcher) {
        try {
            reader.subscribe();
            boolean refused = false;
            while (running) {
                try {
                    reader.pollOnce(settings.tick());
                    checker.dispatch(schedule.takeDue(), workers);
                    tagSearcher.dispatch(tagSchedule.takeDue(), workers);
                    ops.heartbeat().beat();
                    refused = false;
                } catch (WakeupException e) {
                    break;
                } catch (AuthenticationException e) {
                    // the client retries by itself; one line per outage, not one per tick
                    if (!refused) {
                        log.error("Kafka refused the poller's credentials (check TECKO_KAFKA_SASL_* / TECKO_KAFKA_SSL_*): {}",
                                e.getMessage());
                    }
                    refused = true;
                    pause();
                } catch (RuntimeException e) {
                    // one bad turn must not stop the poller; the consumer recovers by itself
                    log.error("poller loop error: {}", e.toString());
                }
            }
        } finally {
            reader.close();
        }
    }

    /** Keeps a loop whose every poll fails at once from spinning a core. */
    private void pause() {
        try {
            Thread.sleep(settings.tick().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** How many jobs this poller currently owns. */
    public int jobCount() {
        return schedule.jobCount();
    }

    /** The metrics and health port actually bound, or -1 when that endpoint is off. */
    public int metricsPort() {
        return ops.port();
    }

    /** The webhook port actually bound, or -1 when webhooks are off. */
    public int webhookPort() {
        return webhooks == null ? -1 : webhooks.port();
    }

    public MeterRegistry meters() {
        return meters;
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        ops.stopping();
        if (webhooks != null) {
            webhooks.close();
        }
        if (handovers != null) {
            handovers.close();
        }
        reader.wakeup();
        try {
            loop.join(15_000);
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
        client.close();
        secrets.close();
        ops.close();
        log.info("poller stopped");
    }
}
