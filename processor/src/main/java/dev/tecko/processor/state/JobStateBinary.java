package dev.tecko.processor.state;

import dev.tecko.schemas.BatchCounts;
import java.io.IOException;

/**
 * The {@code jobs} store's value format {@code 0x02}: the format byte, then every field of {@link JobState} and its
 * nested records ({@link Fields}) in declaration order. Internal to the processor (store and changelog only), so it
 * trades readability for speed. Changing a field's order or an enum code breaks stored values; a new layout needs a new
 * format byte (and reading the old one, as {@link StoredJob} reads {@code 0x01} and JSON).
 */
final class JobStateBinary {
    static final byte FORMAT = 0x02;

    private JobStateBinary() {
    }

    static byte[] write(JobState job) {
        var out = new StateOutput();
        out.writeByte(FORMAT);
        out.writeString(job.jobId());
        out.writeString(job.name());
        out.writeEnum(Fields.JOB_STATUS, job.status());
        out.writeInt(job.generation());
        out.writeInt(job.counts().total());
        out.writeInt(job.counts().completed());
        out.writeInt(job.counts().failed());
        out.writeInt(job.counts().open());
        out.writeInt(job.errorsKept());
        out.writeString(job.openaiSecret());
        out.writeOptional(job.target(), Fields::writeTarget);
        out.writeInt(job.pollIntervalSeconds());
        out.writeOptionalInt(job.minPollIntervalSeconds());
        out.writeOptionalInt(job.maxPollIntervalSeconds());
        out.writeOptional(job.triggerPolicy(), Fields::writePolicy);
        out.writeInstant(job.deadline());
        out.writeOptional(job.lastTrigger(), Fields::writeTrigger);
        out.writeInstant(job.createdAt());
        out.writeInstant(job.updatedAt());
        out.writeInstant(job.finishedAt());
        out.writeLong(job.version());
        out.writeLong(job.lastSequence());
        return out.toByteArray();
    }

    /** Reads a value starting with {@link #FORMAT}; the caller has checked that byte. */
    static JobState read(byte[] data) throws IOException {
        var in = new StateInput(data, 1);
        // Java evaluates arguments left to right (JLS 15.7.4): each record is read in the order write() wrote it
        var job = new JobState(in.readString(), in.readString(), in.readEnum(Fields.JOB_STATUS), in.readInt(),
                new BatchCounts(in.readInt(), in.readInt(), in.readInt(), in.readInt()), in.readInt(), in.readString(),
                in.readOptional(Fields::readTarget), in.readInt(), in.readOptionalInt(), in.readOptionalInt(),
                in.readOptional(Fields::readPolicy), in.readInstant(), in.readOptional(Fields::readTrigger), in.readInstant(),
                in.readInstant(), in.readInstant(), in.readLong(), in.readLong());
        if (in.remaining() != 0) {
            throw new IOException(in.remaining() + " bytes after the job state");
        }
        return job;
    }
}
