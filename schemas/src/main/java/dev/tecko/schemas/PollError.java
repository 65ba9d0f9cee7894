package dev.tecko.schemas;

/**
 * Why the poller could not read a batch (auth refused, rate limited, server down). The status of the observation
 * carrying it is the last status known; the message never holds a credential.
 */
public record PollError(String code, String message, Integer httpStatus) {
    public PollError {
        code = Check.text(code, "pollError.code", Check.MAX_NAME);
        message = Check.optionalText(message, "pollError.message", Check.MAX_TEXT);
    }
}
