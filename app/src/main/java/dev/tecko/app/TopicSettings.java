package dev.tecko.app;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;

/** Partition count and replication for the catalog's topics: a flag wins over the environment, which wins over the default. */
record TopicSettings(int partitions, short replicationFactor) {
    static final String PARTITIONS = "TECKO_TOPIC_PARTITIONS";
    static final String REPLICATION_FACTOR = "TECKO_TOPIC_REPLICATION_FACTOR";
    static final int DEFAULT_PARTITIONS = 6;

    static TopicSettings from(TeckoConfig config, Integer partitionsFlag, Short replicationFlag) {
        int partitions = partitionsFlag != null ? check(partitionsFlag, "--partitions", 1, 10_000)
                : config.integer(PARTITIONS, DEFAULT_PARTITIONS, 1, 10_000);
        int replication = replicationFlag != null ? check(replicationFlag, "--replication-factor", 1, 32)
                : config.integer(REPLICATION_FACTOR, 1, 1, 32);
        return new TopicSettings(partitions, (short) replication);
    }

    private static int check(int value, String flag, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
