package dev.tecko.processor.state;

import dev.tecko.schemas.json.JsonSerde;
import org.apache.kafka.common.serialization.Serde;

/** The store's value serde: the project's JSON mapping, so a changelog record reads like the public snapshot. */
public final class JobStateSerde {
    private JobStateSerde() {
    }

    public static Serde<JobState> create() {
        return new JsonSerde<>(JobState.class);
    }
}
