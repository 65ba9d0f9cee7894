package dev.tecko.schemas.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the catalog's topics: one partition count for every job-keyed topic, compaction where the catalog says. */
public final class TopicAdmin {
    private final Admin admin;

    public TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    /** What happened to each topic: created, or already there (left as it is). */
    public record Outcome(String topic, boolean created) {
    }

    public List<Outcome> createAll(Topics topics, int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?, ?> topic : topics.all()) {
            Map<String, String> configs = new HashMap<>();
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                    topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
            wanted.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(configs));
        }
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
        return outcomes;
    }
}
