package dev.tecko.processor.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tecko.schemas.TargetType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnumCodesTest {
    @Test
    void mapsEachConstantToItsCodeAndBack() {
        var codes = EnumCodes.of(TargetType.class, Map.of(TargetType.KEBOOLA, 7, TargetType.WEBHOOK, 3));
        assertEquals(7, codes.codeOf(TargetType.KEBOOLA));
        assertEquals(TargetType.WEBHOOK, codes.constantOf((byte) 3));
        assertThrows(IllegalArgumentException.class, () -> codes.constantOf((byte) 1));
    }

    @Test
    void refusesATableMissingAConstant() {
        assertThrows(IllegalArgumentException.class, () -> EnumCodes.of(TargetType.class, Map.of(TargetType.KEBOOLA, 1)));
    }

    @Test
    void refusesACodeUsedTwice() {
        assertThrows(IllegalArgumentException.class,
                () -> EnumCodes.of(TargetType.class, Map.of(TargetType.KEBOOLA, 1, TargetType.WEBHOOK, 1)));
    }

    @Test
    void refusesCodesOutsideOneByte() {
        assertThrows(IllegalArgumentException.class,
                () -> EnumCodes.of(TargetType.class, Map.of(TargetType.KEBOOLA, 1, TargetType.WEBHOOK, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> EnumCodes.of(TargetType.class, Map.of(TargetType.KEBOOLA, 1, TargetType.WEBHOOK, 128)));
    }
}
