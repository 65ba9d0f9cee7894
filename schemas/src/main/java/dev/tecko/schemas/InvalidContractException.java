package dev.tecko.schemas;

/** A contract value that breaks its schema; names the field at fault so callers can report it (DLQ reason, problem JSON). */
public class InvalidContractException extends IllegalArgumentException {
    private final String field;

    public InvalidContractException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
