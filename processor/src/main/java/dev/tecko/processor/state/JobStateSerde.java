package dev.tecko.processor.state;

import dev.tecko.schemas.json.JsonSerde;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The job store's value serde (store and changelog): writes {@link JobStateBinary}'s compact format, because parsing
 * JSON dominated the processor's time. Reads both that and JSON: stores and changelogs written before the binary format
 * hold JSON objects, whose first byte {@code '{'} can never be a format byte, so an upgraded processor restores them
 * and rewrites each job in binary at its next change.
 */
public final class JobStateSerde implements Serde<JobState> {
    private final JsonSerde<JobState> json = new JsonSerde<>(JobState.class);

    public static Serde<JobState> create() {
        return new JobStateSerde();
    }

    public byte[] toBytes(JobState state) {
        return state == null ? null : JobStateBinary.write(state);
    }

    public JobState fromBytes(byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return json.fromBytes(data);
        }
        if (data.length == 0 || data[0] != JobStateBinary.FORMAT) {
            throw new SerializationException("invalid JobState: unknown format " + (data.length == 0 ? "(empty)" : data[0]));
        }
        try {
            return JobStateBinary.read(data);
        } catch (IOException | RuntimeException e) {
            // corrupt bytes can fail anywhere: a short read, a record's validation, an instant out of range
            throw new SerializationException("invalid JobState: " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<JobState> serializer() {
        return (topic, state) -> toBytes(state);
    }

    @Override
    public Deserializer<JobState> deserializer() {
        return (topic, data) -> fromBytes(data);
    }
}
