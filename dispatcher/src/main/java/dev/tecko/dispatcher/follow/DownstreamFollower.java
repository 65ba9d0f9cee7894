package dev.tecko.dispatcher.follow;

import dev.tecko.observability.health.GroupMembership;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.platform.kafka.AssignedJobStatus;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the Keboola jobs the dispatcher's triggers created, to their end: reads {@code job-status} as a member of its own
 * group (so each job is followed by one instance, and after a crash or rebalance by the next), checks each due job on a
 * worker ({@link DownstreamCheck}) and publishes to {@code downstream-status} every status further along than what is
 * known. A report written twice (a crash between the write and the snapshot that records it) is harmless: the processor
 * applies a status only once. One thread owns the schedule; checks report back through a queue.
 */
public final class DownstreamFollower implements AutoCloseable, AssignedJobStatus.Listener {
    private static final Logger log = LoggerFactory.getLogger(DownstreamFollower.class);
    private static final Duration TICK = Duration.ofMillis(200);

    private record Done(FollowedJob job, DownstreamStatus reported, boolean finished) {
    }

    private final AssignedJobStatus reader;
    private final FollowSchedule schedule;
    private final DownstreamCheck check;
    private final Producer<String, DownstreamObservation> producer;
    private final Topic<String, DownstreamObservation> topic;
    private final ExecutorService workers;
    private final int concurrency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    private final MeterRegistry meters;
    private final GroupMembership membership;
    private final KafkaClientBinders binders;
    private final Thread thread;
    private volatile boolean closing;

    public DownstreamFollower(Properties kafka, String groupId, Topics topics, FollowSettings settings, DownstreamCheck check,
                              Clock clock, MeterRegistry meters, GroupMembership membership, KafkaClientBinders binders) {
        this.schedule = new FollowSchedule(clock, settings.minInterval(), settings.maxInterval());
        this.check = check;
        this.topic = topics.downstreamStatus();
        this.concurrency = settings.concurrency();
        this.meters = meters;
        this.membership = membership;
        this.binders = binders;
        this.reader = new AssignedJobStatus(kafka, groupId, topics.jobStatus(), this, binders::bind);
        var props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = binders.bind(new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer()));
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "tecko-dispatcher-follow-check");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("tecko.dispatcher.followed.jobs", schedule, FollowSchedule::size)
                .description("Keboola jobs this instance follows (delivered, not finished)").register(meters);
        // at zero from the start: an alert on their rate needs the series before the first check
        for (String outcome : List.of("published", "unchanged", "not_now", "refused", "error")) {
            counted(outcome, 0);
        }
        this.thread = new Thread(this::loop, "tecko-dispatcher-follow");
    }

    public DownstreamFollower start() {
        thread.start();
        return this;
    }

    /** A failure other than closing is logged and the loop goes on after a pause: following must not stop for good. */
    private void loop() {
        while (!closing) {
            try {
                follow();
            } catch (WakeupException e) {
                if (!closing) {
                    log.warn("following Keboola jobs woken up unexpectedly; going on");
                }
            } catch (RuntimeException e) {
                log.error("following Keboola jobs failed, going on in 1 s: {}", e.toString(), e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void follow() {
        reader.subscribe();
        while (!closing) {
                reader.pollOnce(TICK);
                for (Done d; (d = done.poll()) != null; ) {
                    schedule.checked(d.job(), d.reported(), d.finished());
                }
                int free = concurrency - inFlight.get();
                if (free > 0) {
                    for (FollowedJob job : schedule.due(free)) {
                        inFlight.incrementAndGet();
                        workers.execute(() -> checkOne(job));
                    }
                }
        }
    }

    private void checkOne(FollowedJob job) {
        DownstreamStatus reported = null;
        boolean finished = false;
        try (var logContext = LogContext.job(job.jobId()).trigger(job.triggerId())) {
            DownstreamCheck.Outcome outcome = check.check(job);
            if (outcome instanceof DownstreamCheck.Outcome.Seen seen) {
                DownstreamStatus status = seen.observation().status();
                finished = status.isFinished();
                if (job.isNews(status)) {
                    producer.send(new ProducerRecord<>(topic.name(), job.jobId(), seen.observation())).get(30, TimeUnit.SECONDS);
                    reported = status;
                    counted("published");
                    log.info("Keboola job {} is {}", job.keboolaJobId(), status.wire());
                } else {
                    counted("unchanged");
                }
            } else if (outcome instanceof DownstreamCheck.Outcome.NotNow notNow) {
                counted("not_now");
                log.warn("cannot read Keboola job {} now, trying again later: {}", job.keboolaJobId(), notNow.reason());
            } else if (outcome instanceof DownstreamCheck.Outcome.Refused refused) {
                counted("refused");
                log.warn("not following Keboola job {}: {}", job.keboolaJobId(), refused.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            counted("error");
            log.warn("publishing the state of Keboola job {} failed, trying again later: {}", job.keboolaJobId(), e.toString());
        } finally {
            done.add(new Done(job, reported, finished));
            inFlight.decrementAndGet();
        }
    }

    private void counted(String outcome) {
        counted(outcome, 1);
    }

    private void counted(String outcome, int by) {
        meters.counter("tecko.dispatcher.follow.checks", "outcome", outcome).increment(by);
    }

    @Override
    public void upsert(JobSnapshot snapshot, int partition) {
        schedule.upsert(snapshot, partition);
    }

    @Override
    public void remove(String jobId) {
        schedule.remove(jobId);
    }

    @Override
    public void dropPartitions(List<Integer> partitions) {
        schedule.dropPartitions(partitions);
    }

    @Override
    public void skipped(ConsumerRecord<String, byte[]> record, String reason) {
        log.warn("skipping unreadable job-status record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }

    @Override
    public void assigned(Collection<TopicPartition> partitions) {
        membership.assigned(partitions);
    }

    @Override
    public void revoked(Collection<TopicPartition> partitions) {
        membership.revoked(partitions);
    }

    @Override
    public void lost() {
        membership.left();
    }

    @Override
    public void close() {
        closing = true;
        reader.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        membership.left();
        binders.unbind(reader.consumer());
        reader.close();
        binders.unbind(producer);
        producer.close(Duration.ofSeconds(5));
    }
}
