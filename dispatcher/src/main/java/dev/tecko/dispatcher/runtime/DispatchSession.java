package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.TriggerDispatcher;
import dev.tecko.dispatcher.ledger.Ledger;
import dev.tecko.dispatcher.ledger.LedgerLoader;
import dev.tecko.observability.RuntimeOperations;
import dev.tecko.observability.health.GroupMembership;
import dev.tecko.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer + one transactional producer, from start until stopped or broken. Per poll: the new triggers' {@code sent}
 * marks are committed to the ledger first, then each trigger is queued in its partition's lane for its target host
 * ({@link PartitionWork}), so that one slow or failing host holds up no other. Each turn, finished deliveries are
 * committed with their results and {@code done} marks in one transaction, with each partition's offset up to its first
 * unfinished record. A session that breaks is thrown away; the runtime starts a new one, which rebuilds from Kafka.
 */
final class DispatchSession {
    private static final Logger log = LoggerFactory.getLogger(DispatchSession.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Topics topics;
    private final ExecutorService workers;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final DispatchCommitter committer;
    private final LedgerLoader ledgerReader;
    private final Ledger ledger = new Ledger();
    private final SentMarks sentMarks;
    private final TriggerPlanner planner;
    private final RuntimeOperations ops;
    private final GroupMembership membership;
    private final Map<TopicPartition, PartitionWork> active = new ConcurrentHashMap<>();
    /** How long a revoked partition's in-flight call may take to end before the partition is released anyway. */
    private final Duration revokeWait;
    /** Records of one partition read and not finished, at most: beyond it the partition is paused until lanes catch up. */
    private final int maxOpenPerPartition;
    private volatile boolean running = true;
    private volatile boolean killed;

    DispatchSession(DispatchClients clients, DispatcherSettings settings, Topics topics, TriggerDispatcher dispatcher,
                    DispatchMetrics metrics, ExecutorService workers, Clock clock, RuntimeOperations ops, GroupMembership membership) {
        this.topics = topics;
        this.ops = ops;
        this.membership = membership;
        this.workers = workers;
        this.revokeWait = settings.callTimeout().plusSeconds(5);
        this.maxOpenPerPartition = settings.maxOpenPerPartition();
        this.sentMarks = new SentMarks(this::wakeLoop);
        var records = new OutputRecords(topics, clock);
        this.planner = new TriggerPlanner(topics, ledger, records, sentMarks, dispatcher, metrics, clock);
        this.consumer = ops.kafka().bind(clients.consumer());
        this.producer = ops.kafka().bind(clients.producer());
        this.committer = new DispatchCommitter(producer, records, () -> killed);
        this.ledgerReader = clients.ledger();
    }

    /** Runs until {@link #stop()} or {@link #kill()}; throws when Kafka fails, after releasing everything. */
    void run() {
        boolean clean = false;
        try {
            committer.initTransactions();
            consumer.subscribe(List.of(topics.triggers().name()), new Rebalance());
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        start(records);
                    }
                    commitFinished();
                    ops.heartbeat().beat();
                } catch (WakeupException e) {
                    // a stop, or a lane waiting for its sent mark: the loop commits it at once
                    if (running) {
                        commitFinished();
                    }
                }
            }
            clean = !killed;
        } catch (WakeupException e) {
            clean = !killed;
        } finally {
            shutDown(clean);
        }
    }

    private void wakeLoop() {
        consumer.wakeup();
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
        for (TopicPartition partition : records.partitions()) {
            PartitionWork work = active.computeIfAbsent(partition, p -> new PartitionWork(p, workers));
            if (work.cancelled.get()) {
                // read after its work was given up: the partition goes back to its committed offset once its lanes are idle
                pause(work);
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                work.admit(record.offset());
                planner.plan(work, record);
            }
            if (work.openCount() >= maxOpenPerPartition) {
                pause(work);
            }
        }
    }

    private void pause(PartitionWork work) {
        if (!work.paused) {
            consumer.pause(List.of(work.partition));
            work.paused = true;
        }
    }

    /**
     * Commits every finished step, in one transaction, with each partition's offset up to its first unfinished record;
     * resumes partitions that have room again.
     */
    private void commitFinished() {
        commitFinished(true);
    }

    private void commitFinished(boolean reap) {
        DispatchCommitter.Turn turn = committer.collect(sentMarks.take(), active.values());
        if (!turn.isEmpty()) {
            // with this member's group generation: a member the group has moved on from (a zombie) is fenced by the
            // coordinator, its marks are aborted and it sends nothing
            committer.commit(turn, consumer.groupMetadata());
            turn.marks().forEach(m -> m.durable().complete(null));
            turn.done().forEach((partition, doneMarks) -> doneMarks.forEach(m -> ledger.completed(partition, m)));
            List<TopicPartition> roomy = new ArrayList<>();
            for (PartitionWork work : active.values()) {
                if (work.paused && !work.cancelled.get() && work.openCount() < maxOpenPerPartition) {
                    work.paused = false;
                    roomy.add(work.partition);
                }
            }
            consumer.resume(roomy);
        }
        if (reap) {
            reapCancelled();
        }
    }

    /**
     * A lane that gave up (a bug while delivering) leaves its partition with uncommitted records: once every lane of it
     * is idle, seek back to the committed offset and let the ledger decide again, so nothing is lost and nothing is sent
     * twice.
     */
    private void reapCancelled() {
        if (killed) {
            return;
        }
        List<PartitionWork> retry = active.values().stream()
                .filter(work -> work.cancelled.get() && work.idle() && work.finished.isEmpty()).toList();
        for (PartitionWork work : retry) {
            // committed() may be woken up by a lane: the work stays, and is reaped on the next turn
            OffsetAndMetadata committed = consumer.committed(Set.of(work.partition)).get(work.partition);
            consumer.seek(work.partition, committed == null ? 0 : committed.offset());
            active.remove(work.partition);
            ledger.forget(work.partition.partition());
            ledgerReader.load(List.of(work.partition.partition()), ledger);
            consumer.resume(List.of(work.partition));
        }
    }

    private void shutDown(boolean clean) {
        active.values().forEach(w -> w.cancelled.set(true));
        sentMarks.abandon();
        if (clean) {
            try {
                commitFinished(false);
            } catch (RuntimeException e) {
                log.warn("could not commit finished deliveries while stopping: {}", e.toString());
                clean = false;
            }
        }
        try {
            committer.abortIfOpen();
        } catch (RuntimeException e) {
            log.debug("abort failed: {}", e.toString());
        }
        active.values().forEach(PartitionWork::interrupt);
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
            long deadline = System.nanoTime() + revokeWait.toNanos();
            for (TopicPartition partition : partitions) {
                awaitInFlight(active.get(partition), deadline);
            }
            if (!killed) {
                commitFinished(false);
            }
            release(partitions);
        }

        private void awaitInFlight(PartitionWork work, long deadline) {
            if (work == null) {
                return;
            }
            try {
                if (!work.awaitIdle(deadline)) {
                    log.warn("a delivery on revoked partition {} did not end within {}; released anyway", work.partition, revokeWait);
                }
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
