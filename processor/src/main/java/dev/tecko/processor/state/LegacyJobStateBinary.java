package dev.tecko.processor.state;

import java.io.IOException;

/**
 * Reads the job store's value format {@code 0x01}, written by processors before the per-batch layout: the format byte,
 * then every field of {@link LegacyJobState} and its nested records ({@link Fields}) in declaration order, the batches
 * inline. Read only: an upgraded processor moves each such job to the current layout when it first touches it.
 */
final class LegacyJobStateBinary {
    static final byte FORMAT = 0x01;

    private LegacyJobStateBinary() {
    }

    /** Reads a value starting with {@link #FORMAT}; the caller has checked that byte. */
    static LegacyJobState read(byte[] data) throws IOException {
        var in = new StateInput(data, 1);
        // Java evaluates arguments left to right (JLS 15.7.4): each record is read in the order it was written
        var job = new LegacyJobState(in.readString(), in.readString(), in.readEnum(Fields.JOB_STATUS), in.readInt(),
                in.readList(Fields::readBatch), in.readString(), in.readOptional(Fields::readTarget),
                in.readInt(), in.readOptionalInt(), in.readOptionalInt(), in.readOptional(Fields::readPolicy),
                in.readInstant(), in.readOptional(Fields::readTrigger), in.readInstant(), in.readInstant(),
                in.readInstant(), in.readLong(), in.readLong());
        if (in.remaining() != 0) {
            throw new IOException(in.remaining() + " bytes after the job state");
        }
        return job;
    }
}
