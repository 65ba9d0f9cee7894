package dev.tecko.bench.kafka;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.json.JsonSerde;
import dev.tecko.schemas.topics.Topics;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes the benchmarks' input — create commands, then observations — as fast as the broker takes them. */
public final class JobLoader implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final JsonSerde<JobCommand> commands = new JsonSerde<>(JobCommand.class);
    private final JsonSerde<BatchObservation> observations = new JsonSerde<>(BatchObservation.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long records;
    private long bytes;

    public JobLoader(Properties kafka, Topics topics) {
        this.producer = BenchClients.bulkProducer(kafka);
        this.topics = topics;
    }

    /** A create command for each job in {@code [from, to)}. */
    public JobLoader creates(int from, int to, int batches) {
        for (int job = from; job < to; job++) {
            send(topics.jobCommands().name(), JobFixtures.jobId(job), commands.toBytes(JobFixtures.create(job, batches)));
        }
        return this;
    }

    /** For each job in {@code [fromJob, toJob)}, the completed observations of its batches {@code [fromBatch, toBatch)}. */
    public JobLoader completions(int fromJob, int toJob, int fromBatch, int toBatch) {
        for (int job = fromJob; job < toJob; job++) {
            for (int batch = fromBatch; batch < toBatch; batch++) {
                send(topics.batchStatus().name(), JobFixtures.jobId(job), observations.toBytes(JobFixtures.completed(job, batch)));
            }
        }
        return this;
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
        records++;
        bytes += key.length() + value.length;
    }

    /** Waits until everything sent so far is acknowledged. */
    public JobLoader flush() {
        producer.flush();
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("loading the benchmark input failed", error);
        }
        return this;
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        producer.close();
    }
}
