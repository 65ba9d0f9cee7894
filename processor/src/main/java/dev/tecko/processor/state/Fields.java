package dev.tecko.processor.state;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DeliveryState;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.JobStatus;
import java.time.Instant;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.TokenUsage;
import dev.tecko.schemas.VariableSet;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.SealReason;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.io.IOException;
import java.util.Map;

/**
 * The store formats' shared parts: the enum codes (fixed here, never ordinals: a changed code breaks stored values) and
 * the nested records in declaration order. {@link JobStateBinary}, {@link BatchRowBinary} and the reader of the layout
 * before them ({@link LegacyJobStateBinary}) are made of these.
 */
final class Fields {
    static final EnumCodes<JobStatus> JOB_STATUS = EnumCodes.of(JobStatus.class, Map.of(
            JobStatus.ACTIVE, 1, JobStatus.PAUSED, 2, JobStatus.TRIGGERING, 3, JobStatus.COMPLETED, 4,
            JobStatus.COMPLETED_WITH_FAILURES, 5, JobStatus.FAILED, 6, JobStatus.TRIGGER_FAILED, 7, JobStatus.CANCELLED, 8));
    static final EnumCodes<BatchStatus> BATCH_STATUS = EnumCodes.of(BatchStatus.class, Map.of(
            BatchStatus.PENDING, 1, BatchStatus.VALIDATING, 2, BatchStatus.IN_PROGRESS, 3, BatchStatus.FINALIZING, 4,
            BatchStatus.COMPLETED, 5, BatchStatus.FAILED, 6, BatchStatus.EXPIRED, 7, BatchStatus.CANCELLING, 8,
            BatchStatus.CANCELLED, 9, BatchStatus.TIMED_OUT, 10));
    static final EnumCodes<TargetType> TARGET_TYPE = EnumCodes.of(TargetType.class, Map.of(
            TargetType.KEBOOLA, 1, TargetType.WEBHOOK, 2));
    static final EnumCodes<TriggerPolicy.Type> POLICY_TYPE = EnumCodes.of(TriggerPolicy.Type.class, Map.of(
            TriggerPolicy.Type.ALWAYS, 1, TriggerPolicy.Type.ALL_COMPLETED, 2, TriggerPolicy.Type.MIN_COMPLETED_RATIO, 3));
    static final EnumCodes<TriggerOutcome> TRIGGER_OUTCOME = EnumCodes.of(TriggerOutcome.class, Map.of(
            TriggerOutcome.OK, 1, TriggerOutcome.FAILED, 2, TriggerOutcome.UNKNOWN, 3, TriggerOutcome.REFUSED, 4,
            TriggerOutcome.SKIPPED, 5));
    static final EnumCodes<DownstreamStatus> DOWNSTREAM_STATUS = EnumCodes.of(DownstreamStatus.class, Map.of(
            DownstreamStatus.CREATED, 1, DownstreamStatus.WAITING, 2, DownstreamStatus.PROCESSING, 3, DownstreamStatus.TERMINATING, 4,
            DownstreamStatus.SUCCESS, 5, DownstreamStatus.WARNING, 6, DownstreamStatus.ERROR, 7, DownstreamStatus.TERMINATED, 8,
            DownstreamStatus.CANCELLED, 9));
    static final EnumCodes<Provider> PROVIDER = EnumCodes.of(Provider.class, Map.of(
            Provider.OPENAI, 1, Provider.ANTHROPIC, 2, Provider.GEMINI, 3));
    static final EnumCodes<SealReason> SEAL_REASON = EnumCodes.of(SealReason.class, Map.of(
            SealReason.COMMAND, 1, SealReason.SEAL_AT, 2, SealReason.EXPECTED_BATCHES, 3, SealReason.DEADLINE, 4));
    static final EnumCodes<VariableSet> VARIABLES = EnumCodes.of(VariableSet.class, Map.of(
            VariableSet.TECKOCHECKER, 1, VariableSet.EXTENDED, 2));

    private Fields() {
    }

    static void writeBatch(StateOutput out, BatchSnapshot batch) {
        out.writeString(batch.batchId());
        out.writeEnum(BATCH_STATUS, batch.status());
        out.writeInt(batch.requestCounts().total());
        out.writeInt(batch.requestCounts().completed());
        out.writeInt(batch.requestCounts().failed());
        out.writeString(batch.outputFileId());
        out.writeString(batch.errorFileId());
        out.writeList(batch.errors(), Fields::writeError);
        out.writeInstant(batch.observedAt());
        out.writeOptional(batch.pollError(), Fields::writePollError);
    }

    static BatchSnapshot readBatch(StateInput in) throws IOException {
        return new BatchSnapshot(in.readString(), in.readEnum(BATCH_STATUS),
                new RequestCounts(in.readInt(), in.readInt(), in.readInt()), in.readString(), in.readString(),
                in.readList(Fields::readError), in.readInstant(), in.readOptional(Fields::readPollError));
    }

    /** What row format {@code 0x02} added after {@link #writeBatch}: the batch's usage and model. */
    static void writeBatchUsage(StateOutput out, BatchSnapshot batch) {
        out.writeOptional(batch.usage(), Fields::writeUsage);
        out.writeString(batch.model());
    }

    /** {@code batch} as {@link #readBatch} read it, with the usage and model that follow it. */
    static BatchSnapshot readBatchUsage(StateInput in, BatchSnapshot batch) throws IOException {
        TokenUsage usage = in.readOptional(Fields::readUsage);
        String model = in.readString();
        return new BatchSnapshot(batch.batchId(), batch.status(), batch.requestCounts(), batch.outputFileId(), batch.errorFileId(),
                batch.errors(), batch.observedAt(), batch.pollError(), usage, model, null);
    }

    /** What row format {@code 0x03} added after {@link #writeBatchUsage}: the batch's provider and its own status word. */
    static void writeBatchProvider(StateOutput out, BatchSnapshot batch) {
        out.writeEnum(PROVIDER, batch.provider());
        out.writeString(batch.providerStatus());
    }

    /** {@code batch} as read so far, with the provider and its status word that follow it. */
    static BatchSnapshot readBatchProvider(StateInput in, BatchSnapshot batch) throws IOException {
        Provider provider = in.readEnum(PROVIDER);
        String providerStatus = in.readString();
        return new BatchSnapshot(batch.batchId(), batch.status(), batch.requestCounts(), batch.outputFileId(), batch.errorFileId(),
                batch.errors(), batch.observedAt(), batch.pollError(), batch.usage(), batch.model(), null, provider, providerStatus);
    }

    static void writeUsage(StateOutput out, TokenUsage usage) {
        out.writeLong(usage.inputTokens());
        out.writeLong(usage.outputTokens());
        out.writeLong(usage.totalTokens());
        out.writeLong(usage.cachedTokens());
        out.writeLong(usage.reasoningTokens());
    }

    static TokenUsage readUsage(StateInput in) throws IOException {
        return new TokenUsage(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    static void writeDownstream(StateOutput out, Downstream d) {
        out.writeString(d.keboolaJobId());
        out.writeEnum(DOWNSTREAM_STATUS, d.status());
        out.writeInstant(d.startedAt());
        out.writeInstant(d.finishedAt());
        out.writeLong(d.durationSeconds() == null ? -1 : d.durationSeconds());
        out.writeString(d.message());
        out.writeString(d.url());
        out.writeInstant(d.observedAt());
    }

    static Downstream readDownstream(StateInput in) throws IOException {
        String id = in.readString();
        DownstreamStatus status = in.readEnum(DOWNSTREAM_STATUS);
        Instant started = in.readInstant();
        Instant finished = in.readInstant();
        long duration = in.readLong();
        return new Downstream(id, status, started, finished, duration < 0 ? null : duration, in.readString(), in.readString(),
                in.readInstant());
    }

    static void writeDelivery(StateOutput out, DeliveryState d) {
        out.writeInt(d.attempts());
        out.writeString(d.lastError());
        out.writeOptionalInt(d.lastHttpStatus());
        out.writeInstant(d.nextAttemptAt());
        out.writeByte(d.breakerOpen() ? 1 : 0);
        out.writeInstant(d.updatedAt());
    }

    static DeliveryState readDelivery(StateInput in) throws IOException {
        return new DeliveryState(in.readInt(), in.readString(), in.readOptionalInt(), in.readInstant(), in.readBoolean(),
                in.readInstant());
    }

    /** A tagged job's search; its {@code state} is derived, so not written. */
    static void writeBatchSearch(StateOutput out, BatchSearch search) {
        out.writeString(search.tag().key());
        out.writeString(search.tag().value());
        out.writeInstant(search.since());
        out.writeInstant(search.sealAt());
        out.writeOptionalInt(search.expectedBatches());
        out.writeInstant(search.sealRequestedAt());
        out.writeInstant(search.listedUpTo());
        out.writeInstant(search.sealedAt());
        out.writeEnum(SEAL_REASON, search.sealedBy());
    }

    static BatchSearch readBatchSearch(StateInput in) throws IOException {
        return new BatchSearch(new BatchTag(in.readString(), in.readString()), in.readInstant(), in.readInstant(),
                in.readOptionalInt(), in.readInstant(), in.readInstant(), in.readInstant(), in.readEnum(SEAL_REASON), null);
    }

    static void writeError(StateOutput out, BatchError error) {
        out.writeString(error.code());
        out.writeString(error.message());
        out.writeString(error.param());
        out.writeOptionalInt(error.line());
    }

    static BatchError readError(StateInput in) throws IOException {
        return new BatchError(in.readString(), in.readString(), in.readString(), in.readOptionalInt());
    }

    static void writePollError(StateOutput out, PollError error) {
        out.writeString(error.code());
        out.writeString(error.message());
        out.writeOptionalInt(error.httpStatus());
    }

    static PollError readPollError(StateInput in) throws IOException {
        return new PollError(in.readString(), in.readString(), in.readOptionalInt());
    }

    static void writeTarget(StateOutput out, TriggerTarget target) {
        out.writeEnum(TARGET_TYPE, target.type());
        out.writeString(target.stackUrl());
        out.writeString(target.componentId());
        out.writeString(target.configId());
        out.writeString(target.branchId());
        out.writeList(target.configRowIds(), StateOutput::writeString);
        out.writeString(target.tag());
        out.writeString(target.url());
        out.writeString(target.secret());
    }

    static TriggerTarget readTarget(StateInput in) throws IOException {
        return new TriggerTarget(in.readEnum(TARGET_TYPE), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readList(StateInput::readString), in.readString(), in.readString(), in.readString());
    }

    static void writePolicy(StateOutput out, TriggerPolicy policy) {
        out.writeEnum(POLICY_TYPE, policy.type());
        out.writeOptionalDouble(policy.minCompletedRatio());
    }

    static TriggerPolicy readPolicy(StateInput in) throws IOException {
        return new TriggerPolicy(in.readEnum(POLICY_TYPE), in.readOptionalDouble());
    }

    static void writeTrigger(StateOutput out, TriggerSummary trigger) {
        out.writeString(trigger.triggerId());
        out.writeInt(trigger.generation());
        out.writeInstant(trigger.requestedAt());
        out.writeEnum(TRIGGER_OUTCOME, trigger.outcome());
        out.writeString(trigger.keboolaJobId());
        out.writeString(trigger.keboolaJobUrl());
        out.writeString(trigger.error());
        out.writeInstant(trigger.resultAt());
    }

    static TriggerSummary readTrigger(StateInput in) throws IOException {
        return new TriggerSummary(in.readString(), in.readInt(), in.readInstant(), in.readEnum(TRIGGER_OUTCOME),
                in.readString(), in.readString(), in.readString(), in.readInstant());
    }
}
