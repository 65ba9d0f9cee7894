package dev.tecko.dispatcher.runtime;

import dev.tecko.schemas.DispatchMark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The session's transactional writes. Each turn, what is finished (the {@code sent} marks lanes asked for, the results
 * with their {@code done} marks, dead letters) goes out in one transaction with the consumed offsets: each partition's
 * up to its first unfinished record. The offsets are sent with the consumer's group metadata, so a member the group
 * has moved on from (a zombie) is fenced by the coordinator and nothing of its turn is committed.
 */
final class DispatchCommitter {
    /** What one turn commits, and what becomes true once it is committed. */
    record Turn(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
                List<SentMarks.Request> marks, Map<Integer, List<DispatchMark>> done) {
        /** Nothing consumed moved: nothing to commit (a sent mark always comes with its partition's committed offset). */
        boolean isEmpty() {
            return offsets.isEmpty();
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final OutputRecords records;
    /** A killed session (a crash, in tests) commits nothing more: checked before and after the transaction's writes. */
    private final BooleanSupplier killed;
    private boolean inTransaction;

    DispatchCommitter(Producer<byte[], byte[]> producer, OutputRecords records, BooleanSupplier killed) {
        this.producer = producer;
        this.records = records;
        this.killed = killed;
    }

    void initTransactions() {
        producer.initTransactions();
    }

    /**
     * Takes every finished step of the partitions for the next commit, with the sent marks asked for. A mark is
     * committed with its partition's committed offset (unchanged), so that the commit carries the group's generation.
     */
    Turn collect(List<SentMarks.Request> marks, Collection<PartitionWork> partitions) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<Integer, List<DispatchMark>> done = new HashMap<>();
        for (SentMarks.Request request : marks) {
            out.add(records.mark(request.work().partition.partition(), request.mark()));
            offsets.putIfAbsent(request.work().partition, new OffsetAndMetadata(request.work().committedPosition()));
        }
        for (PartitionWork work : partitions) {
            PartitionWork.Step step;
            boolean any = false;
            while ((step = work.finished.poll()) != null) {
                out.addAll(step.records());
                if (step.done() != null) {
                    done.computeIfAbsent(work.partition.partition(), p -> new ArrayList<>()).add(step.done());
                }
                work.committed(step);
                any = true;
            }
            if (any) {
                offsets.put(work.partition, new OffsetAndMetadata(work.position()));
                work.positionCommitted();
            }
        }
        return new Turn(out, offsets, marks, done);
    }

    /** Writes the turn in one transaction; any failure leaves it open for {@link #abortIfOpen} and ends the session. */
    void commit(Turn turn, ConsumerGroupMetadata group) {
        if (killed.getAsBoolean()) {
            throw new WakeupException();
        }
        producer.beginTransaction();
        inTransaction = true;
        for (ProducerRecord<byte[], byte[]> record : turn.records()) {
            producer.send(record);
        }
        if (!turn.offsets().isEmpty()) {
            producer.sendOffsetsToTransaction(turn.offsets(), group);
        }
        if (killed.getAsBoolean()) {
            throw new WakeupException();
        }
        producer.commitTransaction();
        inTransaction = false;
    }

    /** A transaction left open by a failed or interrupted commit is aborted: nothing of it becomes visible. */
    boolean abortIfOpen() {
        if (!inTransaction) {
            return false;
        }
        inTransaction = false;
        producer.abortTransaction();
        return true;
    }
}
