package dev.tecko.processor.state;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A stable one-byte code per enum constant for the binary store format. The codes are written out by hand, never
 * derived from {@link Enum#ordinal()}, so reordering or inserting constants cannot change what stored bytes mean;
 * a constant without a code fails at class initialisation instead of at the first write.
 */
final class EnumCodes<E extends Enum<E>> {
    private final Class<E> type;
    private final EnumMap<E, Byte> codes;
    private final Map<Byte, E> constants;

    private EnumCodes(Class<E> type, Map<E, Integer> table) {
        this.type = type;
        this.codes = new EnumMap<>(type);
        var byCode = new HashMap<Byte, E>();
        table.forEach((constant, code) -> {
            if (code < 1 || code > Byte.MAX_VALUE) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + constant + ": code " + code + " is not in 1..127");
            }
            if (byCode.put(code.byteValue(), constant) != null) {
                throw new IllegalArgumentException(type.getSimpleName() + ": code " + code + " is used twice");
            }
            codes.put(constant, code.byteValue());
        });
        for (E constant : type.getEnumConstants()) {
            if (!codes.containsKey(constant)) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + constant + " has no code");
            }
        }
        this.constants = Map.copyOf(byCode);
    }

    static <E extends Enum<E>> EnumCodes<E> of(Class<E> type, Map<E, Integer> table) {
        return new EnumCodes<>(type, table);
    }

    byte codeOf(E constant) {
        return codes.get(constant);
    }

    E constantOf(byte code) {
        E constant = constants.get(code);
        if (constant == null) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " code " + code);
        }
        return constant;
    }
}
