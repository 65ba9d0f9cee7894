package dev.tecko.processor.state;

import java.io.IOException;

/**
 * The {@code jobs-batches} store's value format {@code 0x01}: the format byte, the row's position, then the batch
 * ({@link Fields#writeBatch}). Internal to the processor, like {@link JobStateBinary}.
 */
final class BatchRowBinary {
    static final byte FORMAT = 0x01;

    private BatchRowBinary() {
    }

    static byte[] write(BatchRow row) {
        var out = new StateOutput();
        out.writeByte(FORMAT);
        out.writeInt(row.position());
        Fields.writeBatch(out, row.batch());
        return out.toByteArray();
    }

    static BatchRow read(byte[] data) throws IOException {
        var in = new StateInput(data, 1);
        var row = new BatchRow(in.readInt(), Fields.readBatch(in));
        if (in.remaining() != 0) {
            throw new IOException(in.remaining() + " bytes after the batch row");
        }
        return row;
    }
}
