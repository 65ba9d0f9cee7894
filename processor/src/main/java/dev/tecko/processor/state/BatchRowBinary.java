package dev.tecko.processor.state;

import java.io.IOException;

/**
 * The {@code jobs-batches} store's value format {@code 0x03}: the format byte, the row's position, then the batch
 * ({@link Fields#writeBatch}) as format {@code 0x01} wrote it, then what {@code 0x02} added: the batch's token usage and
 * model ({@link Fields#writeBatchUsage}), then what {@code 0x03} added: its provider and the provider's own status word
 * ({@link Fields#writeBatchProvider}). Formats {@code 0x02} and {@code 0x01} are still read (what they lack absent).
 * Internal to the processor, like {@link JobStateBinary}.
 */
final class BatchRowBinary {
    static final byte FORMAT = 0x03;
    /** The layout before the provider: read, never written. */
    static final byte FORMAT_2 = 0x02;
    /** The layout before usage and model: read, never written. */
    static final byte FORMAT_1 = 0x01;

    private BatchRowBinary() {
    }

    static byte[] write(BatchRow row) {
        var out = new StateOutput();
        out.writeByte(FORMAT);
        out.writeInt(row.position());
        Fields.writeBatch(out, row.batch());
        Fields.writeBatchUsage(out, row.batch());
        Fields.writeBatchProvider(out, row.batch());
        return out.toByteArray();
    }

    /** Reads a value starting with {@link #FORMAT}, {@link #FORMAT_2} or {@link #FORMAT_1}; the caller has checked that byte. */
    static BatchRow read(byte[] data) throws IOException {
        var in = new StateInput(data, 1);
        var row = new BatchRow(in.readInt(), Fields.readBatch(in));
        if (data[0] != FORMAT_1) {
            row = row.with(Fields.readBatchUsage(in, row.batch()));
        }
        if (data[0] == FORMAT) {
            row = row.with(Fields.readBatchProvider(in, row.batch()));
        }
        if (in.remaining() != 0) {
            throw new IOException(in.remaining() + " bytes after the batch row");
        }
        return row;
    }
}
