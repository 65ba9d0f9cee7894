package dev.tecko.poller.handover;

import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.platform.kafka.TopicTail;
import dev.tecko.poller.webhook.WebhookReceiver.BatchEvent;
import dev.tecko.poller.webhook.WebhookReceiver.Handler;
import dev.tecko.poller.webhook.WebhookReceiver.Outcome;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.WebhookHandover;
import dev.tecko.schemas.topics.Topic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks on any poller: the index of every job's batches (a tail of all of {@code job-status}, no group), the
 * {@link HandoverPublisher} a webhook goes through, and the {@link HandoverConsumer} loop on its own thread that acts on
 * the handovers for this poller's jobs. The owning side runs on every poller, webhook port or not (its jobs' webhooks
 * may reach another poller); the receiving side (index and producer) only where webhooks are received.
 */
public final class WebhookHandovers implements Handler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookHandovers.class);
    /** OpenAI retries a webhook for up to 72 hours: a handover older than that is a replay of something long done. */
    static final Duration MAX_AGE = Duration.ofHours(72);
    /** How long a handover waits for the owner's schedule to watch its batch (its job-status read just behind). */
    static final Duration SETTLE = Duration.ofSeconds(3);
    /** How long a webhook's answer waits for the handover to be acknowledged. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final BatchIndex index = new BatchIndex();
    private final TopicTail<String> tail;
    private final KafkaProducer<String, WebhookHandover> producer;
    private final Handler publisher;
    private final HandoverConsumer consumer;
    private final Backstop backstop;
    private final Thread loop;
    private final Duration tick;
    private volatile boolean running = true;

    /**
     * @param groupId the pollers' group: the handover offsets are committed under {@code <groupId>.handover}
     * @param owned   the {@code job-status} partitions this poller owns and has read to their end
     * @param watched whether this poller's schedule watches a batch
     * @param fetch   fetches and publishes a batch for this poller's jobs watching it, without blocking the caller
     * @param receive whether this poller receives webhooks (and so needs the index and the producer)
     * @param fetchFor fetches a batch for any job with that job's secret and publishes it ({@link Backstop}), not blocking
     */
    public WebhookHandovers(Properties kafka, String groupId, Topic<String, JobSnapshot> jobStatus, Topic<String, WebhookHandover> topic,
                            Supplier<Set<Integer>> owned, Predicate<String> watched, java.util.function.Consumer<String> fetch,
                            Clock clock, Duration tick, MeterRegistry meters, KafkaClientBinders binders, boolean receive,
                            Backstop.Fetcher fetchFor) {
        this.tick = tick;
        if (receive) {
            this.tail = indexOf(kafka, jobStatus, meters);
            this.producer = binders.bind(producer(kafka, topic));
            this.publisher = new HandoverPublisher(producer, topic.name(), index, tail::isCaughtUp, SEND_TIMEOUT, meters);
            this.backstop = new Backstop(index, Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tecko-poller-handover-backstop");
                t.setDaemon(true);
                return t;
            }), Backstop.AFTER, fetchFor, meters);
        } else {
            this.tail = null;
            this.producer = null;
            this.publisher = event -> Outcome.FAILED;
            this.backstop = null;
        }
        var consumerProps = new Properties();
        consumerProps.putAll(kafka);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId + ".handover");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a partition never committed: everything on it is for this poller's jobs (the topic is new, and short-lived)
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var kafkaConsumer = binders.bind(new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer()));
        this.consumer = new HandoverConsumer(kafkaConsumer, topic, owned, watched, fetch, clock, MAX_AGE, SETTLE, meters);
        this.loop = new Thread(this::run, "tecko-poller-handover");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    private TopicTail<String> indexOf(Properties kafka, Topic<String, JobSnapshot> jobStatus, MeterRegistry meters) {
        Gauge.builder("tecko.poller.webhook.index.batches", index, BatchIndex::batchCount)
                .description("batches of all jobs on job-status that a webhook can be handed over for").register(meters);
        return TopicTail.strings(kafka, List.of(jobStatus.name()), "poller-batch-index", record -> {
            if (record.value() == null) {
                index.remove(record.key());
                return;
            }
            JobSnapshot job = jobStatus.valueSerde().deserializer().deserialize(record.topic(), record.value());
            index.put(job.jobId(), record.partition(), job.openaiSecret(), job.batches().stream().map(BatchSnapshot::batchId).toList(),
                    job.batches().stream().filter(b -> b.status().isTerminal()).map(BatchSnapshot::batchId).collect(Collectors.toSet()));
        });
    }

    private static KafkaProducer<String, WebhookHandover> producer(Properties kafka, Topic<String, WebhookHandover> topic) {
        var props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // a webhook's answer waits for the send: fail within its wait, and OpenAI retries
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "9000");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(props, new StringSerializer(), topic.valueSerde().serializer());
    }

    private void run() {
        try {
            while (running) {
                try {
                    consumer.pollOnce(tick);
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    // one bad turn (a commit during a broker hiccup) must not stop the handovers
                    log.warn("webhook handover loop error: {}", e.toString());
                }
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public Outcome handle(BatchEvent event) {
        Outcome outcome = publisher.handle(event);
        if (outcome == Outcome.ACCEPTED && backstop != null) {
            backstop.watch(event.batchId());
        }
        return outcome;
    }

    /** Whether the index has read all of job-status as it was when the poller started. */
    public boolean indexCaughtUp() {
        return tail != null && tail.isCaughtUp();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tail != null) {
            backstop.close();
            tail.close();
            producer.close(Duration.ofSeconds(5));
        }
    }
}
