package dev.tecko.platform.kafka;

import dev.tecko.schemas.topics.RecordLimits;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the catalog's topics: one partition count for every job-keyed topic, compaction where the catalog says. */
public final class TopicAdmin {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final Admin admin;

    public TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    /** What happened to each topic: created, or already there (left as it is). */
    public record Outcome(String topic, boolean created) {
    }

    /** Creates every topic of the catalog with one partition count; existing topics are left as they are. */
    public List<Outcome> createAll(Topics topics, int partitions, short replicationFactor) {
        return create(topics.all().stream().map(topic -> newTopic(topic, partitions, replicationFactor)).toList());
    }

    /** The topic as the catalog describes it: {@code cleanup.policy} compact or delete, {@code max.message.bytes} its record limit. */
    public static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RecordLimits.topicMaxMessageBytes(topic.maxRecordBytes()))));
    }

    /**
     * Creates the topics that do not exist yet (an existing one is left as it is, whatever its settings) and returns once
     * every partition of all of them is served; see {@link #awaitServing}.
     */
    public List<Outcome> create(List<NewTopic> wanted) {
        var result = admin.createTopics(wanted);
        List<Outcome> outcomes = new ArrayList<>();
        for (NewTopic topic : wanted) {
            try {
                result.values().get(topic.name()).get();
                outcomes.add(new Outcome(topic.name(), true));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    outcomes.add(new Outcome(topic.name(), false));
                } else {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
        awaitServing(wanted.stream().map(NewTopic::name).toList(), READY_TIMEOUT);
        return outcomes;
    }

    /**
     * Returns once every partition of these topics has a leader that serves requests. A producer that writes to a
     * partition whose leader is not ready yet gets {@code NOT_LEADER_OR_FOLLOWER}, and an idempotent producer retrying
     * that was seen here to be refused for good with {@code OutOfOrderSequenceException}; asking every leader for its end
     * offset, again until every one answers, closes that window before anyone writes.
     */
    public void awaitServing(List<String> topicNames, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(topicNames).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .forEach((name, description) -> description.partitions()
                                .forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                // a new topic's metadata or leadership not there yet: ask again, until the deadline
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topicNames + " have no serving leader after " + timeout + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("topics " + topicNames + " have no serving leader after " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic leaders", e);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic leaders", e);
        }
    }
}
