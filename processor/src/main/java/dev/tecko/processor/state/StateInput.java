package dev.tecko.processor.state;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads what {@link StateOutput} wrote, in the same order; any mismatch surfaces as an {@link IOException}. */
final class StateInput {
    private final DataInputStream in;
    private final ByteArrayInputStream bytes;

    StateInput(byte[] data, int offset) {
        this.bytes = new ByteArrayInputStream(data, offset, data.length - offset);
        this.in = new DataInputStream(bytes);
    }

    int remaining() {
        return bytes.available();
    }

    int readInt() throws IOException {
        return in.readInt();
    }

    boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    long readLong() throws IOException {
        return in.readLong();
    }

    String readString() throws IOException {
        int marker = in.readUnsignedByte();
        return switch (marker) {
            case StateOutput.ABSENT -> null;
            case StateOutput.PRESENT -> in.readUTF();
            case StateOutput.LONG_STRING -> readChars(in.readInt());
            default -> throw new IOException("bad string marker " + marker);
        };
    }

    Integer readOptionalInt() throws IOException {
        return present() ? in.readInt() : null;
    }

    Double readOptionalDouble() throws IOException {
        return present() ? in.readDouble() : null;
    }

    Instant readInstant() throws IOException {
        return present() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    <E extends Enum<E>> E readEnum(EnumCodes<E> codes) throws IOException {
        if (!present()) {
            return null;
        }
        try {
            return codes.constantOf(in.readByte());
        } catch (IllegalArgumentException unknown) {
            throw new IOException(unknown.getMessage(), unknown);
        }
    }

    <T> T readOptional(Reader<T> fields) throws IOException {
        return present() ? fields.read(this) : null;
    }

    <T> List<T> readList(Reader<T> element) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > remaining()) {
            // every element takes at least one byte: a larger count can only be corruption
            throw new IOException("bad list size " + size);
        }
        var values = new ArrayList<T>(size);
        for (int i = 0; i < size; i++) {
            values.add(element.read(this));
        }
        return values;
    }

    private boolean present() throws IOException {
        int marker = in.readUnsignedByte();
        if (marker != StateOutput.ABSENT && marker != StateOutput.PRESENT) {
            throw new IOException("bad presence marker " + marker);
        }
        return marker == StateOutput.PRESENT;
    }

    private String readChars(int length) throws IOException {
        if (length < 0 || length > remaining() / 2) {
            throw new IOException("bad string length " + length);
        }
        var chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(StateInput in) throws IOException;
    }
}
