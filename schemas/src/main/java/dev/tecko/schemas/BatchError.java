package dev.tecko.schemas;

/** One entry of a batch's {@code errors.data}, or our own reason (e.g. code {@code not_found}). */
public record BatchError(String code, String message, String param, Integer line) {
    public BatchError {
        code = Check.optionalText(code, "errors.code", Check.MAX_NAME);
        message = Check.optionalText(message, "errors.message", Check.MAX_TEXT);
        param = Check.optionalText(param, "errors.param", Check.MAX_NAME);
    }
}
