package dev.tecko.dispatcher.runtime;

import dev.tecko.schemas.DispatchMark;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One polled batch of one partition, worked through in order by a worker thread while the partition is paused.
 * Each finished record is queued as a {@link Step}; the loop thread commits steps with their offsets.
 */
final class PartitionWork {
    /** The records to write for one consumed offset, and the ledger mark they carry (if any). */
    record Step(long offset, List<ProducerRecord<byte[], byte[]>> records, DispatchMark done, String triggerId) {
    }

    final TopicPartition partition;
    final int size;
    final AtomicBoolean cancelled = new AtomicBoolean();
    final Queue<Step> finished = new ConcurrentLinkedQueue<>();
    volatile Future<?> future;
    int committed;

    PartitionWork(TopicPartition partition, int size) {
        this.partition = partition;
        this.size = size;
    }

    boolean complete() {
        return committed == size;
    }
}
