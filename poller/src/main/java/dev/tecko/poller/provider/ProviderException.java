package dev.tecko.poller.provider;

import java.time.Instant;

/**
 * A call to the batch API that did not give a batch. The message names the request path and status, never a key.
 */
public final class ProviderException extends Exception {
    /** What went wrong, which decides what the poller does next. */
    public enum Kind {
        /** 429, or a request held back because the key is still rate limited: nothing before {@link #retryAt()}. */
        RATE_LIMITED("rate_limited"),
        /** 401 or 403: the key is wrong or lacks access. */
        UNAUTHORIZED("unauthorized"),
        NOT_FOUND("not_found"),
        /** 5xx after every retry. */
        SERVER_ERROR("server_error"),
        /** Connect or read failure or timeout after every retry. */
        IO_ERROR("io_error"),
        /** A 2xx whose body is not a batch object. */
        MALFORMED("malformed_response"),
        /** Any other 4xx. */
        CLIENT_ERROR("client_error");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The {@code PollError.code} this kind is reported as. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final Integer httpStatus;
    private final Instant retryAt;

    public ProviderException(Kind kind, String message, Integer httpStatus, Instant retryAt) {
        super(message, null, false, false);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAt = retryAt;
    }

    public Kind kind() {
        return kind;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
