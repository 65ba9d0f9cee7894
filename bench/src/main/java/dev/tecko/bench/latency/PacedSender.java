package dev.tecko.bench.latency;

import dev.tecko.bench.kafka.Deadline;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records at a steady rate on a fixed schedule (record {@code i} at {@code start + i / rate}), whatever the
 * previous sends took, so a slow moment does not lower the load (no coordinated omission). Records the instant each
 * was handed to the producer: where latency is measured from.
 */
final class PacedSender {
    private PacedSender() {
    }

    /** @return per record, {@link System#nanoTime()} when it was sent; 0 for records not sent before the deadline */
    static long[] send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records, double perSecond,
                       Deadline deadline) {
        long[] sentAt = new long[records.size()];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        double gap = 1e9 / perSecond;
        for (int i = 0; i < records.size() && !deadline.expired(); i++) {
            long due = start + (long) (i * gap);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            sentAt[i] = System.nanoTime();
            producer.send(records.get(i), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("sending the paced records failed", failure.get());
        }
        return sentAt;
    }
}
