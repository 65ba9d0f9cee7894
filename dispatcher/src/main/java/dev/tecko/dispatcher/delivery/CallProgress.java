package dev.tecko.dispatcher.delivery;

import dev.tecko.dispatcher.http.DeliveryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link ResilientCaller#call} tells its {@link ProgressListener}. A delivery waiting for an open circuit asks
 * again every 200 ms: telling each of those would flood {@code delivery-status}, so the refusal is said once per open
 * period, and again at most every {@link #OPEN_REPEAT} while it stays open. One per call, used by its thread only.
 */
final class CallProgress {
    /** How often an unchanged open circuit is said again: often enough that a reader sees it is still so, no more. */
    static final Duration OPEN_REPEAT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(CallProgress.class);

    private final ProgressListener listener;
    private final Clock clock;
    private String lastError;
    private Integer lastHttpStatus;
    /** Whether the current refusal was told, the open period it was for, and when. */
    private boolean openTold;
    private Instant openPeriodTold;
    private Instant openToldAt;

    CallProgress(ProgressListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** An attempt failed and will be retried after {@code wait}. Its message was redacted by the http layer. */
    void retrying(int attempts, Throwable failure, Duration wait) {
        lastError = failure == null ? "no answer" : failure.getMessage();
        lastHttpStatus = failure instanceof DeliveryException delivery ? delivery.httpStatus() : null;
        // the circuit let this attempt through: a refusal after it is news again
        openTold = false;
        Instant now = clock.instant();
        tell(new ProgressListener.Progress(attempts, lastError, lastHttpStatus, now.plus(wait), false, now));
    }

    /**
     * The circuit refused the call.
     *
     * @param openedAt   when the host's circuit last opened (identifies the open period), null if not known
     * @param halfOpenAt when it lets a probe through, null if not known
     */
    void refused(int attempts, Instant openedAt, Instant halfOpenAt) {
        Instant now = clock.instant();
        boolean samePeriod = openTold && Objects.equals(openedAt, openPeriodTold);
        if (samePeriod && now.isBefore(openToldAt.plus(OPEN_REPEAT))) {
            return;
        }
        openTold = true;
        openPeriodTold = openedAt;
        openToldAt = now;
        // past the half-open time another delivery holds the one probe: when ours goes is not known
        Instant next = halfOpenAt != null && halfOpenAt.isAfter(now) ? halfOpenAt : null;
        tell(new ProgressListener.Progress(attempts, lastError, lastHttpStatus, next, true, now));
    }

    private void tell(ProgressListener.Progress progress) {
        try {
            listener.progressed(progress);
        } catch (RuntimeException e) {
            // progress is advisory: a listener that fails must not fail, or even slow, the delivery it describes
            log.warn("delivery progress not told: {}", e.getClass().getName());
        }
    }
}
