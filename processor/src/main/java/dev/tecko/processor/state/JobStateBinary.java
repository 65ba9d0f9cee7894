package dev.tecko.processor.state;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.DeliveryState;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.VariableSet;
import java.io.IOException;

/**
 * The {@code jobs} store's value format {@code 0x05}: the format byte, then every field of {@link JobState} and its
 * nested records ({@link Fields}) in declaration order, as format {@code 0x02} wrote them, then what {@code 0x03} added:
 * the policy's {@code maxFailedRequestRatio}, the job's {@code variables}, its count of batches completed with every
 * request failed, its {@code downstream} part and its downstream retries (setting and used), then what {@code 0x04}
 * added: the open trigger's delivery progress ({@code lastTrigger.delivery}), then what {@code 0x05} added: a tagged job's
 * batch search ({@code batchSearch}). Formats {@code 0x02}, {@code 0x03} and {@code 0x04} are still read (what they lack then absent or 0). Internal to the processor
 * (store and changelog only), so it trades readability for speed. Changing a field's order or an enum code breaks stored
 * values; a new layout needs a new format byte (and reading the old one, as {@link StoredJob} reads {@code 0x01} and JSON).
 */
final class JobStateBinary {
    static final byte FORMAT = 0x05;
    /** The layout before a tagged job's batch search: read, never written. */
    static final byte FORMAT_4 = 0x04;
    /** The layout before the trigger's delivery progress: read, never written. */
    static final byte FORMAT_3 = 0x03;
    /** The layout before {@code maxFailedRequestRatio}, {@code variables} and {@code allFailedBatches}: read, never written. */
    static final byte FORMAT_2 = 0x02;

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
        // format 0x03
        out.writeOptionalDouble(job.triggerPolicy() == null ? null : job.triggerPolicy().maxFailedRequestRatio());
        out.writeEnum(Fields.VARIABLES, job.variables());
        out.writeInt(job.allFailedBatches());
        out.writeOptional(job.downstream(), Fields::writeDownstream);
        out.writeInt(job.downstreamRetries());
        out.writeInt(job.downstreamRetriesUsed());
        // format 0x04
        out.writeOptional(job.lastTrigger() == null ? null : job.lastTrigger().delivery(), Fields::writeDelivery);
        // format 0x05
        out.writeOptional(job.batchSearch(), Fields::writeBatchSearch);
        return out.toByteArray();
    }

    /** Reads a value starting with {@link #FORMAT} or an older header format; the caller has checked that byte. */
    static JobState read(byte[] data) throws IOException {
        var in = new StateInput(data, 1);
        // Java evaluates arguments left to right (JLS 15.7.4): each record is read in the order write() wrote it
        var job = new JobState(in.readString(), in.readString(), in.readEnum(Fields.JOB_STATUS), in.readInt(),
                new BatchCounts(in.readInt(), in.readInt(), in.readInt(), in.readInt()), in.readInt(), in.readString(),
                in.readOptional(Fields::readTarget), in.readInt(), in.readOptionalInt(), in.readOptionalInt(),
                in.readOptional(Fields::readPolicy), in.readInstant(), in.readOptional(Fields::readTrigger), in.readInstant(),
                in.readInstant(), in.readInstant(), in.readLong(), in.readLong(), null, 0, null, 0, 0);
        if (data[0] != FORMAT_2) {
            Double maxFailedRequestRatio = in.readOptionalDouble();
            VariableSet variables = in.readEnum(Fields.VARIABLES);
            int allFailedBatches = in.readInt();
            Downstream downstream = in.readOptional(Fields::readDownstream);
            int downstreamRetries = in.readInt();
            int downstreamRetriesUsed = in.readInt();
            TriggerPolicy policy = job.triggerPolicy();
            job = new JobState(job.jobId(), job.name(), job.status(), job.generation(), job.counts(), job.errorsKept(),
                    job.openaiSecret(), job.target(), job.pollIntervalSeconds(), job.minPollIntervalSeconds(),
                    job.maxPollIntervalSeconds(), policy == null ? null : policy.withMaxFailedRequestRatio(maxFailedRequestRatio),
                    job.deadline(), job.lastTrigger(), job.createdAt(), job.updatedAt(), job.finishedAt(), job.version(),
                    job.lastSequence(), variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed);
        }
        if (data[0] == FORMAT || data[0] == FORMAT_4) {
            DeliveryState delivery = in.readOptional(Fields::readDelivery);
            if (delivery != null) {
                if (job.lastTrigger() == null) {
                    throw new IOException("delivery progress without a trigger");
                }
                job = job.withLastTrigger(job.lastTrigger().withDelivery(delivery));
            }
        }
        if (data[0] == FORMAT) {
            job = job.withBatchSearch(in.readOptional(Fields::readBatchSearch));
        }
        if (in.remaining() != 0) {
            throw new IOException(in.remaining() + " bytes after the job state");
        }
        return job;
    }
}
