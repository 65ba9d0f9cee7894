package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.ResilientCaller;
import dev.tecko.dispatcher.delivery.TriggerDispatcher;
import dev.tecko.dispatcher.delivery.Waiter;
import dev.tecko.dispatcher.follow.DownstreamCheck;
import dev.tecko.dispatcher.follow.DownstreamFollower;
import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.dispatcher.webhook.WebhookClient;
import dev.tecko.observability.RuntimeOperations;
import dev.tecko.observability.health.GroupMembership;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.secrets.SecretSources;
import dev.tecko.platform.secrets.TopicSecretSource;
import dev.tecko.schemas.topics.Topics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher process: consumes {@code triggers}, delivers each to Keboola or a webhook, writes {@code trigger-results}.
 * Only starts and stops; a broken Kafka session is replaced by a new one after a pause. Serves its metrics and health on
 * {@code TECKO_DISPATCHER_METRICS_PORT} (default {@value #DEFAULT_METRICS_PORT}).
 */
public final class DispatcherRuntime implements AutoCloseable {
    public static final int DEFAULT_METRICS_PORT = 9402;
    private static final Logger log = LoggerFactory.getLogger(DispatcherRuntime.class);
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final Properties kafka;
    private final Topics topics;
    private final DispatcherSettings settings;
    private final SecretSource secrets;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final OkHttpClient http;
    private final TriggerDispatcher dispatcher;
    private final ExecutorService workers;
    private final Thread thread;
    private final RuntimeOperations ops;
    private final GroupMembership membership = new GroupMembership("kafka_consumer");
    /** Follows the Keboola jobs delivered triggers created; null when TECKO_DISPATCHER_FOLLOW_ENABLED=false. */
    private final DownstreamFollower follower;
    /** Publishes delivery progress to delivery-status on a producer of its own, outside the sessions' transactions. */
    private final ProgressPublisher progress;
    private volatile DispatchSession session;
    private volatile boolean closing;

    public DispatcherRuntime(TeckoConfig config) {
        this(config, null, SecretSources.fromConfig(config, "the dispatcher's tokens and webhook keys"), Clock.systemUTC());
    }

    /** @param registry where to record as well as {@code /metrics} (a Prometheus registry is served as it is); null for none */
    public DispatcherRuntime(TeckoConfig config, MeterRegistry registry, SecretSource secrets, Clock clock) {
        this.kafka = config.kafka();
        this.topics = config.topics();
        this.settings = DispatcherSettings.from(config);
        this.secrets = secrets;
        // the heartbeat measures real time, whatever clock the deliveries are given in a test
        this.ops = RuntimeOperations.create(config, "dispatcher", DEFAULT_METRICS_PORT, registry, Clock.systemUTC());
        this.ops.readiness().add(membership);
        this.metrics = new DispatchMetrics(ops.meters());
        this.clock = clock;
        this.http = HttpClients.create(settings.connectTimeout(), settings.callTimeout());
        var caller = new ResilientCaller(settings.retry(), settings.breaker(), clock, Waiter.SLEEPING, metrics);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(caller.breakers()).bindTo(ops.meters());
        this.progress = new ProgressPublisher(ops.kafka().bind(ProgressPublisher.producer(kafka,
                settings.groupId() + "-" + settings.instanceId() + "-progress")), topics.deliveryStatus(), metrics);
        this.dispatcher = new TriggerDispatcher(secrets, new KeboolaQueueClient(http, clock), new WebhookClient(http, clock), caller,
                settings.recovery(), settings.targets(), clock, Waiter.SLEEPING, progress);
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "tecko-dispatcher-worker");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::loop, "tecko-dispatcher");
        var keboola = new KeboolaQueueClient(http, clock);
        this.follower = !settings.follow().enabled() ? null : new DownstreamFollower(kafka, settings.groupId() + "-follow", topics,
                settings.follow(), new DownstreamCheck(secrets, keboola, settings.targets(), clock), clock, ops.meters(),
                new GroupMembership("follow_consumer"), ops.kafka());
    }

    public DispatcherRuntime start() {
        ops.start();
        try {
            ensureLedgerTopic();
        } catch (RuntimeException e) {
            // the caller gets no instance to close: release the endpoint's port, the follower's clients and the secrets reader here
            if (follower != null) {
                follower.close();
            }
            progress.close(Duration.ZERO);
            ops.close();
            secrets.close();
            throw e;
        }
        awaitSecrets();
        thread.start();
        if (follower != null) {
            follower.start();
        }
        log.info("dispatcher started: group {}, instance {}", settings.groupId(), settings.instanceId());
        return this;
    }

    /** A trigger read before the secrets topic would fail with "secret not known": read it first. */
    private void awaitSecrets() {
        if (secrets instanceof TopicSecretSource topicSecrets) {
            try {
                if (!topicSecrets.awaitCaughtUp(Duration.ofSeconds(30))) {
                    log.warn("the secrets topic was not read to its end within 30 s; starting anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public DispatcherSettings settings() {
        return settings;
    }

    /** The metrics and health port actually bound, or -1 when that endpoint is off. */
    public int metricsPort() {
        return ops.port();
    }

    public MeterRegistry meters() {
        return ops.meters();
    }

    /** Creates the ledger topic when missing, with as many partitions as {@code triggers}, so they stay aligned. */
    private void ensureLedgerTopic() {
        try (Admin admin = Admin.create(kafka)) {
            String triggers = topics.triggers().name();
            int partitions = admin.describeTopics(List.of(triggers)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(triggers).partitions().size();
            short replication = (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            var ledger = TopicAdmin.newTopic(topics.dispatcherLedger(), partitions, replication);
            if (new TopicAdmin(admin).create(List.of(ledger)).get(0).created()) {
                log.info("created the dispatcher ledger topic {} with {} partitions", ledger.name(), partitions);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new IllegalStateException("Kafka refused the dispatcher's credentials (check TECKO_KAFKA_SASL_* / TECKO_KAFKA_SSL_*): "
                        + refused.getMessage(), refused);
            }
            throw new IllegalStateException("cannot prepare the dispatcher's topics (is '" + topics.triggers().name()
                    + "' created?): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while preparing the dispatcher's topics", e);
        }
    }

    private void loop() {
        while (!closing) {
            try {
                session = new DispatchSession(DispatchClients.open(kafka, settings, topics), settings, topics, dispatcher, metrics, workers,
                        clock, ops, membership);
                if (closing) {
                    session.stop();
                }
                session.run();
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                log.warn("dispatcher session failed, starting a new one in {} ms: {}", RESTART_PAUSE.toMillis(), e.toString());
                try {
                    Thread.sleep(RESTART_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Stops as a crash would: the open transaction is aborted, nothing finished since the last commit is committed, and
     * the clients close at once. For tests and chaos drills; the instance cannot be restarted.
     */
    public void kill() {
        closing = true;
        ops.close();
        if (follower != null) {
            follower.close();
        }
        DispatchSession current = session;
        if (current != null) {
            current.kill();
        }
        join();
        workers.shutdownNow();
        // as a crash would: reports not yet sent are lost (they are advisory)
        progress.close(Duration.ZERO);
    }

    @Override
    public void close() {
        closing = true;
        ops.stopping();
        DispatchSession current = session;
        if (current != null) {
            current.stop();
        }
        join();
        if (follower != null) {
            follower.close();
        }
        workers.shutdownNow();
        // the last reports go out if Kafka takes them soon; a stopping dispatcher does not wait long for advice
        progress.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        secrets.close();
        ops.close();
        log.info("dispatcher stopped");
    }

    private void join() {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
