package dev.tecko.processor.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The binary format's primitives on top of {@link DataOutputStream}. Every nullable value starts with a marker byte
 * ({@link #ABSENT} or {@link #PRESENT}); {@link StateInput} reads them back in the same order.
 */
final class StateOutput {
    static final int ABSENT = 0;
    static final int PRESENT = 1;
    /** A string too long for {@code writeUTF}'s 64 KiB limit: its length, then its UTF-16 chars. */
    static final int LONG_STRING = 2;
    /** The longest string that always fits {@code writeUTF}: at most 3 bytes per char. */
    static final int MAX_SHORT_STRING = 65_535 / 3;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final DataOutputStream out = new DataOutputStream(bytes);

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    void writeByte(int value) {
        run(() -> out.writeByte(value));
    }

    void writeInt(int value) {
        run(() -> out.writeInt(value));
    }

    void writeLong(long value) {
        run(() -> out.writeLong(value));
    }

    /** Modified UTF-8 keeps every Java string exact, unpaired surrogates included (plain UTF-8 would replace them). */
    void writeString(String value) {
        if (value == null) {
            writeByte(ABSENT);
        } else if (value.length() <= MAX_SHORT_STRING) {
            writeByte(PRESENT);
            run(() -> out.writeUTF(value));
        } else {
            writeByte(LONG_STRING);
            writeInt(value.length());
            run(() -> out.writeChars(value));
        }
    }

    void writeOptionalInt(Integer value) {
        if (present(value)) {
            writeInt(value);
        }
    }

    void writeOptionalDouble(Double value) {
        if (present(value)) {
            run(() -> out.writeDouble(value));
        }
    }

    void writeInstant(Instant value) {
        if (present(value)) {
            writeLong(value.getEpochSecond());
            writeInt(value.getNano());
        }
    }

    <E extends Enum<E>> void writeEnum(EnumCodes<E> codes, E value) {
        if (present(value)) {
            writeByte(codes.codeOf(value));
        }
    }

    /** A nullable nested record: the marker, then whatever {@code fields} writes. */
    <T> void writeOptional(T value, BiConsumer<StateOutput, T> fields) {
        if (present(value)) {
            fields.accept(this, value);
        }
    }

    <T> void writeList(List<T> values, BiConsumer<StateOutput, T> element) {
        writeInt(values.size());
        for (T value : values) {
            element.accept(this, value);
        }
    }

    private boolean present(Object value) {
        writeByte(value == null ? ABSENT : PRESENT);
        return value != null;
    }

    private interface Write {
        void run() throws IOException;
    }

    /** A {@link ByteArrayOutputStream} never throws; the checked exception only exists in the signatures. */
    private static void run(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
