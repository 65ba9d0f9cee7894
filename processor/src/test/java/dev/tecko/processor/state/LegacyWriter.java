package dev.tecko.processor.state;

/**
 * Writes a job as processors before the per-batch layout did (format {@code 0x01}, batches inline), byte for byte: what
 * the stores and changelogs of an upgraded processor hold. Test code only: the processor itself never writes it.
 */
public final class LegacyWriter {
    private LegacyWriter() {
    }

    public static byte[] write(LegacyJobState job) {
        var out = new StateOutput();
        out.writeByte(LegacyJobStateBinary.FORMAT);
        out.writeString(job.jobId());
        out.writeString(job.name());
        out.writeEnum(Fields.JOB_STATUS, job.status());
        out.writeInt(job.generation());
        out.writeList(job.batches(), Fields::writeBatch);
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
}
