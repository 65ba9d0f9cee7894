package dev.tecko.processor.state;

import dev.tecko.schemas.json.JsonSerde;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A value of the {@code jobs} store (and its changelog): a job in the current layout ({@link Current}, format
 * {@code 0x05}, or {@code 0x04}, {@code 0x03}, {@code 0x02} before its last additions), or one written before the per-batch layout ({@link Legacy}: format {@code 0x01} or JSON, whose first
 * byte {@code '{'} can never be a format byte). Only the current layout is written; a legacy value is moved to it the
 * first time its job is touched, so an upgraded processor restores old stores and changelogs as they are.
 */
public sealed interface StoredJob {

    /** The job in the current layout: its header; its batches are rows of their own. */
    record Current(JobState job) implements StoredJob {
    }

    /** The whole job, batches inline, as an older processor wrote it. */
    record Legacy(LegacyJobState job) implements StoredJob {
    }

    static Serde<StoredJob> serde() {
        var json = new JsonSerde<>(LegacyJobState.class);
        return Serdes.serdeFrom((topic, stored) -> write(stored), (topic, data) -> read(data, json));
    }

    static Serde<BatchRow> rowSerde() {
        return Serdes.serdeFrom((topic, row) -> row == null ? null : BatchRowBinary.write(row), (topic, data) -> readRow(data));
    }

    private static byte[] write(StoredJob stored) {
        if (stored == null) {
            return null;
        }
        if (stored instanceof Current current) {
            return JobStateBinary.write(current.job());
        }
        throw new SerializationException("a legacy job is never written: move it to the current layout first");
    }

    private static StoredJob read(byte[] data, JsonSerde<LegacyJobState> json) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return new Legacy(json.fromBytes(data));
        }
        byte format = data.length == 0 ? -1 : data[0];
        if (format == JobStateBinary.FORMAT || format == JobStateBinary.FORMAT_4 || format == JobStateBinary.FORMAT_3
                || format == JobStateBinary.FORMAT_2) {
            return decode("JobState", () -> new Current(JobStateBinary.read(data)));
        }
        if (format == LegacyJobStateBinary.FORMAT) {
            return decode("JobState", () -> new Legacy(LegacyJobStateBinary.read(data)));
        }
        throw new SerializationException("invalid JobState: unknown format " + (data.length == 0 ? "(empty)" : format));
    }

    private static BatchRow readRow(byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || (data[0] != BatchRowBinary.FORMAT && data[0] != BatchRowBinary.FORMAT_2
                && data[0] != BatchRowBinary.FORMAT_1)) {
            throw new SerializationException("invalid BatchRow: unknown format " + (data.length == 0 ? "(empty)" : data[0]));
        }
        return decode("BatchRow", () -> BatchRowBinary.read(data));
    }

    /** Corrupt bytes can fail anywhere (a short read, a record's validation, an instant out of range): one exception for all. */
    private static <T> T decode(String type, Callable<T> decoder) {
        try {
            return decoder.call();
        } catch (Exception e) {
            throw new SerializationException("invalid " + type + ": " + e.getMessage(), e);
        }
    }
}
