package dev.tecko.deploy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The UTF-8 entries of a class file's constant pool: every string literal the class uses, including constants javac
 * folded ({@code PREFIX + "GROUP_ID"}) and string-concatenation recipes ({@code "TECKO_\u0001_METRICS_PORT"}).
 * JVM spec, chapter 4.4.
 */
final class ClassConstants {
    private static final int MAGIC = 0xCAFEBABE;

    private ClassConstants() {
    }

    static List<String> utf8(InputStream classFile) throws IOException {
        var in = new DataInputStream(classFile);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    index++; // longs and doubles take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at index " + index);
            }
        }
        return strings;
    }
}
