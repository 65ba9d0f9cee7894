package dev.tecko.dispatcher.delivery;

import dev.tecko.dispatcher.http.Redaction;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.TriggerCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one trigger's call progress into {@link DeliveryProgress} records for its sink. One per delivery: a recovery's
 * search and the send after it are two calls, and the send's attempts count on from the search's, so a reader sees
 * attempts rise.
 */
final class TriggerProgress implements ProgressListener {
    private static final Logger log = LoggerFactory.getLogger(TriggerProgress.class);

    private final TriggerCommand trigger;
    private final String secret;
    private final DeliveryProgressSink sink;
    private int earlierAttempts;

    /** @param secret the credential this delivery sends: removed once more, should a message still hold it */
    TriggerProgress(TriggerCommand trigger, String secret, DeliveryProgressSink sink) {
        this.trigger = trigger;
        this.secret = secret;
        this.sink = sink;
    }

    /** A call of this delivery ended after {@code attempts}; the next call's count on from there. */
    void callEnded(int attempts) {
        earlierAttempts += attempts;
    }

    @Override
    public void progressed(Progress progress) {
        try {
            sink.publish(record(progress));
        } catch (RuntimeException e) {
            // advisory only: a report that cannot be made or sent never touches the delivery (no message: it may echo the target)
            log.warn("delivery progress of trigger {} not published: {}", trigger.triggerId(), e.getClass().getName());
        }
    }

    DeliveryProgress record(Progress progress) {
        // the http layer redacts already; a second pass costs nothing, and the contract holds at most MAX_TEXT characters
        String error = cut(Redaction.redact(progress.lastError(), secret));
        Integer status = progress.lastHttpStatus();
        if (status != null && (status < 100 || status > 599)) {
            status = null;
        }
        return new DeliveryProgress(Check.CURRENT_SCHEMA_VERSION, trigger.jobId(), trigger.triggerId(), trigger.generation(),
                earlierAttempts + progress.attempts(), error, status, progress.nextAttemptAt(), progress.breakerOpen(), progress.at(),
                trigger.jobCreatedAt());
    }

    private static String cut(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() <= Check.MAX_TEXT ? text : text.substring(0, Check.MAX_TEXT - 1) + "…";
    }
}
