package dev.tecko.app.cli;

import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.InvalidContractException;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.VariableSet;
import dev.tecko.schemas.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag values spelled as the API spells them, with messages that say what is expected. */
final class Converters {
    private Converters() {
    }

    /** An enum of the contracts, accepted by its JSON name ({@code all_completed}), so flags and API agree. */
    abstract static class WireName<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        WireName(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            for (E constant : type.getEnumConstants()) {
                if (wireName(constant).equals(value)) {
                    return constant;
                }
            }
            throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(WireName::wireName).collect(Collectors.joining(", ")) + ", got '" + value + "'");
        }

        private static String wireName(Enum<?> constant) {
            return Json.mapper().convertValue(constant, String.class);
        }
    }

    static final class PolicyType extends WireName<TriggerPolicy.Type> {
        PolicyType() {
            super(TriggerPolicy.Type.class);
        }
    }

    static final class Variables extends WireName<VariableSet> {
        Variables() {
            super(VariableSet.class);
        }
    }

    static final class SecretKind extends WireName<SecretType> {
        SecretKind() {
            super(SecretType.class);
        }
    }

    /** {@code key=value}, read as the API reads it; the value may contain {@code =}. */
    static final class Tag implements ITypeConverter<BatchTag> {
        @Override
        public BatchTag convert(String value) {
            try {
                return BatchTag.parse(value);
            } catch (InvalidContractException e) {
                throw new TypeConversionException("expected KEY=VALUE such as run=nightly-2026-12-04 (key at most " + BatchTag.MAX_KEY
                        + " characters, value at most " + BatchTag.MAX_VALUE + "), got '" + value + "'");
            }
        }
    }

    static final class UtcInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expected an ISO-8601 UTC instant such as 2026-11-22T06:00:00Z, got '" + value + "'");
            }
        }
    }
}
