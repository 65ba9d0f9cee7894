package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.CancelledException;
import dev.tecko.dispatcher.delivery.TriggerDispatcher;
import dev.tecko.dispatcher.ledger.Ledger;
import dev.tecko.dispatcher.ledger.LedgerReader;
import dev.tecko.observability.RuntimeOperations;
import dev.tecko.observability.health.GroupMembership;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer + one transactional producer, from start until stopped or broken. Per poll: the new triggers' {@code sent}
 * marks are committed to the ledger first, then each partition's batch is delivered in order by a worker while the
 * partition is paused, and finished records are committed with their offsets, results and {@code done} marks in one
 * transaction. A session that breaks is thrown away; the runtime starts a new one, which rebuilds from Kafka.
 */
final class DispatchSession {
    private static final Logger log = LoggerFactory.getLogger(DispatchSession.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Topics topics;
    private final TriggerDispatcher dispatcher;
    private final DispatchMetrics metrics;
    private final ExecutorService workers;
    private final Clock clock;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final LedgerReader ledgerReader;
    private final OutputRecords records;
    private final Ledger ledger = new Ledger();
    private final RuntimeOperations ops;
    private final GroupMembership membership;
    private final Map<TopicPartition, PartitionWork> active = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long a revoked partition's in-flight call may take to end before the partition is released anyway. */
    private final Duration revokeWait;
    private volatile boolean running = true;
    private volatile boolean killed;
    private boolean inTransaction;

    DispatchSession(Properties kafka, DispatcherSettings settings, Topics topics, TriggerDispatcher dispatcher,
                    DispatchMetrics metrics, ExecutorService workers, Clock clock, RuntimeOperations ops, GroupMembership membership) {
        this.topics = topics;
        this.ops = ops;
        this.membership = membership;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.workers = workers;
        this.clock = clock;
        this.revokeWait = settings.callTimeout().plusSeconds(5);
        this.records = new OutputRecords(topics, clock);
        var consumerProps = new Properties();
        consumerProps.putAll(kafka);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxPollRecords()));
        this.consumer = ops.kafka().bind(new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        var producerProps = new Properties();
        producerProps.putAll(kafka);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId() + "-" + settings.instanceId());
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = ops.kafka().bind(new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer()));
        // a crashed incarnation's open transaction ends when the broker aborts it: wait that long, and a little more
        Duration transactionTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(
                kafka.getOrDefault(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000"))));
        this.ledgerReader = new LedgerReader(kafka, topics.dispatcherLedger(), transactionTimeout.plusSeconds(10));
    }

    /** Runs until {@link #stop()} or {@link #kill()}; throws when Kafka fails, after releasing everything. */
    void run() {
        boolean clean = false;
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(topics.triggers().name()), new Rebalance());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    start(records);
                }
                commitFinished();
                ops.heartbeat().beat();
            }
            clean = !killed;
        } catch (WakeupException e) {
            clean = !killed;
        } finally {
            shutDown(clean);
        }
    }

    /** Stops after committing what is finished; deliveries in progress are abandoned to the next owner. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Stops as a crash would: nothing more is committed, the open transaction is aborted. */
    void kill() {
        killed = true;
        running = false;
        active.values().forEach(w -> w.cancelled.set(true));
        consumer.wakeup();
    }

    private void start(ConsumerRecords<byte[], byte[]> records) {
        List<ProducerRecord<byte[], byte[]>> sentMarks = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        Map<PartitionWork, List<Runnable>> planned = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
            // everything before a fresh batch is committed (a partition resumes only once its batch is through)
            positions.put(partition, new OffsetAndMetadata(batch.get(0).offset()));
            PartitionWork work = new PartitionWork(partition, batch.size());
            List<Runnable> tasks = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                tasks.add(plan(work, record, sentMarks));
            }
            consumer.pause(List.of(partition));
            active.put(partition, work);
            planned.put(work, tasks);
        }
        if (!sentMarks.isEmpty()) {
            // the marks must be durable before any request goes out: they are what a successor reconciles from. The
            // offsets already committed go along, with this member's group generation: a member the group has moved on
            // from (a zombie) is fenced by the coordinator, its marks are aborted and it sends nothing
            commit(sentMarks, positions);
        }
        planned.forEach((work, tasks) -> work.future = workers.submit(() -> {
            for (Runnable task : tasks) {
                if (work.cancelled.get()) {
                    return;
                }
                task.run();
            }
        }));
    }

    /** Decides on one record now (loop thread); returns what the worker does for it. */
    private Runnable plan(PartitionWork work, ConsumerRecord<byte[], byte[]> record, List<ProducerRecord<byte[], byte[]>> sentMarks) {
        TriggerCommand trigger;
        try {
            trigger = topics.triggers().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (trigger == null) {
                throw new org.apache.kafka.common.errors.SerializationException("a trigger record has no value (tombstone)");
            }
        } catch (RuntimeException e) {
            log.warn("trigger record {}-{}@{} is unreadable, sent to the DLQ: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            metrics.deadLettered();
            var dlq = records.deadLetter(record, e);
            return () -> work.finished.add(new PartitionWork.Step(record.offset(), List.of(dlq), null, null));
        }
        try (var logContext = LogContext.job(trigger.jobId()).trigger(trigger.triggerId())) {
            return planDelivery(work, record, trigger, sentMarks);
        }
    }

    private Runnable planDelivery(PartitionWork work, ConsumerRecord<byte[], byte[]> record, TriggerCommand trigger,
                                  List<ProducerRecord<byte[], byte[]>> sentMarks) {
        Ledger.Decision decision = ledger.decide(record.partition(), trigger, clock.instant());
        switch (decision.verdict()) {
            case SKIP -> {
                log.info("trigger {} was already handled; skipped", trigger.triggerId());
                metrics.skipped();
                DispatchMark known = decision.mark();
                boolean inFlightHere = known.generation() == trigger.generation() && !known.isDone();
                // answered even so, so that no job can wait in triggering for good (say its first result was lost with a
                // reset of the processor's state); a copy of a trigger still being delivered here gets that delivery's result
                List<ProducerRecord<byte[], byte[]>> answer = inFlightHere ? List.of() : List.of(records.result(records.skipped(trigger, known)));
                return () -> work.finished.add(new PartitionWork.Step(record.offset(), answer, null, null));
            }
            case SEND -> sentMarks.add(records.mark(record.partition(), decision.mark()));
            default -> log.info("trigger {} was marked sent by an earlier run without a result; reconciling", trigger.triggerId());
        }
        boolean recovering = decision.verdict() == Ledger.Verdict.RECOVER;
        DispatchMark mark = decision.mark();
        return () -> deliver(work, record, trigger, mark, recovering);
    }

    private void deliver(PartitionWork work, ConsumerRecord<byte[], byte[]> record, TriggerCommand trigger, DispatchMark mark,
                         boolean recovering) {
        try (var logContext = LogContext.job(trigger.jobId()).trigger(trigger.triggerId())) {
            deliverInContext(work, record, trigger, mark, recovering);
        }
    }

    private void deliverInContext(PartitionWork work, ConsumerRecord<byte[], byte[]> record, TriggerCommand trigger, DispatchMark mark,
                                  boolean recovering) {
        try {
            TriggerResult result = dispatcher.dispatch(trigger, mark, recovering, work.cancelled::get);
            metrics.result(result.outcome());
            log.info("trigger {} → {}{}", trigger.triggerId(), result.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    result.keboolaJobId() == null ? "" : " (Keboola job " + result.keboolaJobId() + ")");
            DispatchMark done = mark.done(result.keboolaJobId(), clock.instant());
            work.finished.add(new PartitionWork.Step(record.offset(), List.of(records.result(result), records.mark(record.partition(), done)),
                    done, trigger.triggerId()));
        } catch (CancelledException e) {
            work.cancelled.set(true);
        } catch (RuntimeException e) {
            // a bug, not bad input: leave the trigger to the next session rather than report something untrue
            log.error("delivering trigger {} failed unexpectedly: {}", trigger.triggerId(), e.toString());
            work.cancelled.set(true);
        }
    }

    /** Commits every finished step with its offset, in one transaction; resumes partitions whose batch is through. */
    private void commitFinished() {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<Integer, List<DispatchMark>> done = new HashMap<>();
        for (PartitionWork work : active.values()) {
            PartitionWork.Step step;
            while ((step = work.finished.poll()) != null) {
                out.addAll(step.records());
                offsets.put(work.partition, new OffsetAndMetadata(step.offset() + 1));
                if (step.done() != null) {
                    done.computeIfAbsent(work.partition.partition(), p -> new ArrayList<>()).add(step.done());
                }
                work.committed++;
            }
        }
        if (offsets.isEmpty()) {
            reapCancelled();
            return;
        }
        commit(out, offsets);
        done.forEach((partition, marks) -> marks.forEach(m -> ledger.completed(partition, m)));
        List<TopicPartition> through = new ArrayList<>();
        active.values().removeIf(work -> {
            if (work.complete()) {
                through.add(work.partition);
                return true;
            }
            return false;
        });
        consumer.resume(through);
        reapCancelled();
    }

    /**
     * A worker that gave up (a bug while delivering) leaves its partition paused with uncommitted records: seek back
     * and let the ledger decide again, so nothing is lost and nothing is sent twice.
     */
    private void reapCancelled() {
        if (killed) {
            return;
        }
        List<TopicPartition> retry = new ArrayList<>();
        active.values().removeIf(work -> {
            if (work.cancelled.get() && work.future != null && work.future.isDone() && work.finished.isEmpty()) {
                retry.add(work.partition);
                return true;
            }
            return false;
        });
        for (TopicPartition partition : retry) {
            OffsetAndMetadata committed = consumer.committed(java.util.Set.of(partition)).get(partition);
            consumer.seek(partition, committed == null ? 0 : committed.offset());
            ledger.forget(partition.partition());
            ledgerReader.load(List.of(partition.partition()), ledger);
        }
        consumer.resume(retry);
    }

    private void commit(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (killed) {
            throw new WakeupException();
        }
        producer.beginTransaction();
        inTransaction = true;
        for (ProducerRecord<byte[], byte[]> record : records) {
            producer.send(record);
        }
        if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        }
        if (killed) {
            throw new WakeupException();
        }
        producer.commitTransaction();
        inTransaction = false;
    }

    private void shutDown(boolean clean) {
        active.values().forEach(w -> w.cancelled.set(true));
        if (clean) {
            try {
                commitFinished();
            } catch (RuntimeException e) {
                log.warn("could not commit finished deliveries while stopping: {}", e.toString());
                clean = false;
            }
        }
        if (inTransaction) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                log.debug("abort failed: {}", e.toString());
            }
        }
        active.values().forEach(w -> {
            if (w.future != null) {
                w.future.cancel(true);
            }
        });
        Duration timeout = clean ? Duration.ofSeconds(5) : Duration.ZERO;
        membership.left();
        ops.kafka().unbind(consumer);
        ops.kafka().unbind(producer);
        closeQuietly(() -> consumer.close(timeout));
        closeQuietly(() -> producer.close(timeout));
        closeQuietly(ledgerReader::close);
    }

    private static void closeQuietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            log.debug("close failed: {}", e.toString());
        }
    }


    /** Owns the ledger's scope: rebuilt for assigned partitions, dropped for revoked ones. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            membership.revoked(partitions);
            for (TopicPartition partition : partitions) {
                PartitionWork work = active.get(partition);
                if (work != null) {
                    work.cancelled.set(true);
                }
            }
            // no two owners' calls may overlap: the call in flight ends (it starts no new attempt once cancelled) before
            // the partition goes, so the next owner's look-up sees whatever it created
            for (TopicPartition partition : partitions) {
                awaitInFlight(active.get(partition));
            }
            if (!killed) {
                commitFinished();
            }
            release(partitions);
        }

        private void awaitInFlight(PartitionWork work) {
            if (work == null || work.future == null) {
                return;
            }
            try {
                work.future.get(revokeWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("a delivery on revoked partition {} did not end within {}; released anyway", work.partition, revokeWait);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                log.debug("delivery on revoked partition {} ended: {}", work.partition, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            membership.left();
            partitions.forEach(p -> {
                PartitionWork work = active.get(p);
                if (work != null) {
                    work.cancelled.set(true);
                }
            });
            release(partitions);
        }

        private void release(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                active.remove(partition);
                ledger.forget(partition.partition());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            membership.assigned(partitions);
            if (!partitions.isEmpty()) {
                ledgerReader.load(partitions.stream().map(TopicPartition::partition).toList(), ledger);
            }
        }
    }
}
