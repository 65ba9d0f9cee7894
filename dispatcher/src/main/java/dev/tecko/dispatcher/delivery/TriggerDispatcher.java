package dev.tecko.dispatcher.delivery;

import dev.tecko.dispatcher.http.DeliveryException;
import dev.tecko.dispatcher.http.RetryableDeliveryException;
import dev.tecko.dispatcher.keboola.KeboolaJob;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.dispatcher.webhook.WebhookClient;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretException;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one trigger and says how it ended. A trigger that an earlier run marked sent but left without a result is
 * first looked up at Keboola, over the settle window: found once, it is reported as created; found more than once, or
 * not knowable, it is reported {@code unknown}; not found, it is sent. After an ambiguous answer of its own (no answer, a
 * 5xx other than 503, a 2xx without a job) the trigger is never sent again: Keboola's search gets the settle window to
 * show the job, and if it does not, the outcome is {@code unknown}. While it delivers, it publishes how it goes (each
 * failed attempt, an open circuit) to its {@link DeliveryProgressSink}, best effort.
 */
public final class TriggerDispatcher {
    private static final Logger log = LoggerFactory.getLogger(TriggerDispatcher.class);

    /**
     * How a possibly-created Keboola job is looked for.
     *
     * @param inFlightGrace how long after its {@code sent} mark an earlier run's request may still arrive
     * @param clockSkew     how far Keboola's clock may be behind ours (the search's {@code createdTimeFrom})
     * @param settle        how long after an ambiguous answer Keboola's search may still not show the job (eventually
     *                      consistent search); no second POST before it has passed
     */
    public record Recovery(Duration inFlightGrace, Duration clockSkew, Duration settle) {
        public Recovery {
            if (settle.isNegative()) {
                throw new IllegalArgumentException("settle must not be negative");
            }
        }

        /** Looks every few seconds within the window, more often when the window is short (tests, sandbox). */
        Duration searchEvery() {
            Duration tenth = settle.dividedBy(10);
            return tenth.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100)
                    : tenth.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : tenth;
        }
    }

    private final SecretSource secrets;
    private final KeboolaQueueClient keboola;
    private final WebhookClient webhooks;
    private final ResilientCaller caller;
    private final Recovery recovery;
    private final TargetAllowList targets;
    private final Clock clock;
    private final Waiter waiter;
    private final DeliveryProgressSink progress;

    public TriggerDispatcher(SecretSource secrets, KeboolaQueueClient keboola, WebhookClient webhooks, ResilientCaller caller,
                             Recovery recovery, TargetAllowList targets, Clock clock, Waiter waiter) {
        this(secrets, keboola, webhooks, caller, recovery, targets, clock, waiter, DeliveryProgressSink.NONE);
    }

    public TriggerDispatcher(SecretSource secrets, KeboolaQueueClient keboola, WebhookClient webhooks, ResilientCaller caller,
                             Recovery recovery, TargetAllowList targets, Clock clock, Waiter waiter, DeliveryProgressSink progress) {
        this.progress = progress;
        this.secrets = secrets;
        this.keboola = keboola;
        this.webhooks = webhooks;
        this.caller = caller;
        this.recovery = recovery;
        this.targets = targets;
        this.clock = clock;
        this.waiter = waiter;
    }

    /**
     * @param mark the ledger's {@code sent} mark for this trigger: set when this is a recovery, null on a first delivery
     *             (then {@code sentAt} is the mark written just before this call)
     * @throws CancelledException when {@code cancelled} turns true; nothing is to be reported then
     */
    public TriggerResult dispatch(TriggerCommand trigger, DispatchMark mark, boolean recovering, BooleanSupplier cancelled) {
        Secret secret;
        try {
            secret = secrets.get(trigger.target().secret());
        } catch (SecretException e) {
            return result(trigger, TriggerOutcome.FAILED, null, null, 0, e.getMessage());
        }
        String url = trigger.target().type() == TargetType.KEBOOLA ? trigger.target().stackUrl() : trigger.target().url();
        Optional<String> refusal = refusal(trigger.target().type(), url, secret);
        if (refusal.isPresent()) {
            // nothing is sent: a credential goes only to its own kind of service, on an allowed host
            log.warn("trigger {} refused: {}", trigger.triggerId(), refusal.get());
            return result(trigger, TriggerOutcome.REFUSED, null, null, 0, refusal.get());
        }
        String host = URI.create(url).getHost();
        var told = new TriggerProgress(trigger, secret.value(), progress);
        return trigger.target().type() == TargetType.KEBOOLA
                ? keboola(trigger, mark, recovering, secret.value(), host, cancelled, told)
                : webhook(trigger, secret.value(), host, cancelled, told);
    }

    /** Why this secret must not go to this target, if it must not. */
    private Optional<String> refusal(TargetType type, String url, Secret secret) {
        SecretType expected = type.secretType();
        if (secret.type() != expected) {
            return Optional.of("secret '" + secret.name() + "' is a " + secret.type().wire() + " secret; a "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + " target needs a " + expected.wire() + " secret");
        }
        return targets.refuseTarget(url).map(why -> "target " + why);
    }

    private TriggerResult webhook(TriggerCommand trigger, String key, String host, BooleanSupplier cancelled, TriggerProgress told) {
        // a re-delivery after a crash is sent again with the same webhook-id, which receivers de-duplicate on
        try {
            var outcome = caller.call(host, "webhook", () -> webhooks.deliver(trigger, key), cancelled, told);
            return result(trigger, TriggerOutcome.OK, null, outcome.value(), outcome.attempts(), null);
        } catch (ResilientCaller.PermanentFailureException e) {
            return result(trigger, TriggerOutcome.FAILED, null, e.refusal().httpStatus(), e.attempts(), e.getMessage());
        } catch (ResilientCaller.RetriesExhaustedException e) {
            return result(trigger, TriggerOutcome.FAILED, null, e.last().httpStatus(), e.attempts(), "gave up retrying: " + e.getMessage());
        }
    }

    private TriggerResult keboola(TriggerCommand trigger, DispatchMark mark, boolean recovering, String token, String host,
                                  BooleanSupplier cancelled, TriggerProgress told) {
        Instant searchFrom = mark.sentAt().minus(recovery.clockSkew());
        String excluded = mark.previousKeboolaJobId();
        if (recovering) {
            // a request of the crashed run may still be on its way: look only once it cannot be any more
            Instant settledFrom = mark.sentAt().plus(recovery.inFlightGrace());
            Duration untilSettled = Duration.between(clock.instant(), settledFrom);
            if (!untilSettled.isNegative() && !untilSettled.isZero()) {
                waiter.await(untilSettled, cancelled);
            }
            // the earlier run's last attempt may have ended only now (a revoked owner finishes its call first), and a job
            // it created shows in Keboola's search only a while later: keep looking for the settle window
            Instant lookUntil = clock.instant().plus(recovery.settle());
            try {
                var searched = caller.call(host, "keboola_search",
                        () -> findSettled(trigger, token, searchFrom, excluded, lookUntil, cancelled), cancelled, told);
                told.callEnded(searched.attempts());
                Optional<KeboolaJob> found = searched.value();
                if (found.isPresent()) {
                    log.info("trigger {} was created by an earlier run as Keboola job {}; not sending again", trigger.triggerId(),
                            found.get().id());
                    return created(trigger, found.get(), 0);
                }
            } catch (AmbiguousException e) {
                return result(trigger, TriggerOutcome.UNKNOWN, null, null, 0, e.getMessage());
            } catch (ResilientCaller.RetriesExhaustedException | ResilientCaller.PermanentFailureException e) {
                return result(trigger, TriggerOutcome.UNKNOWN, null, null, 0,
                        "sent by an earlier run, and Keboola cannot be searched to tell whether it was created: " + e.getMessage());
            }
        }
        Ambiguity ambiguity = new Ambiguity();
        try {
            var outcome = caller.call(host, "keboola", () -> {
                if (ambiguity.since != null) {
                    // never a blind second POST: first give Keboola's search time to show the job the last one may have made
                    Optional<KeboolaJob> found = findSettled(trigger, token, searchFrom, excluded,
                            ambiguity.since.plus(recovery.settle()), cancelled);
                    if (found.isPresent()) {
                        return found.get();
                    }
                    // the search had the settle window and shows nothing: still no proof the job does not exist, so an
                    // operator decides (retrigger or not) rather than a second POST that could make a second job
                    throw new AmbiguousException((ambiguity.answered ? "Keboola accepted the request (2xx) but its answer named no job"
                            : "a request to Keboola went unanswered or failed after it was sent (" + ambiguity.why + ")")
                            + ", and no job of this trigger showed in its search within " + recovery.settle().toSeconds()
                            + " s: cannot tell whether it exists; not sent again");
                }
                try {
                    return keboola.createJob(trigger.target(), trigger.variables(), token);
                } catch (RetryableDeliveryException e) {
                    if (e.ambiguous()) {
                        ambiguity.since = clock.instant();
                        ambiguity.answered = e.answered();
                        ambiguity.why = e.getMessage();
                    }
                    throw e;
                }
            }, cancelled, told);
            return created(trigger, outcome.value(), outcome.attempts());
        } catch (AmbiguousException e) {
            return result(trigger, TriggerOutcome.UNKNOWN, null, null, 0, e.getMessage());
        } catch (ResilientCaller.PermanentFailureException e) {
            return result(trigger, TriggerOutcome.FAILED, null, e.refusal().httpStatus(), e.attempts(), e.getMessage());
        } catch (ResilientCaller.RetriesExhaustedException e) {
            boolean open = ambiguity.since != null;
            TriggerOutcome outcome = open ? TriggerOutcome.UNKNOWN : TriggerOutcome.FAILED;
            String why = open ? "gave up retrying, and a request went unanswered so the job may exist: " : "gave up retrying: ";
            return result(trigger, outcome, null, e.last().httpStatus(), e.attempts(), why + e.getMessage());
        }
    }

    /** An answer that left open whether Keboola created the job: since when, and whether Keboola did say yes. */
    private static final class Ambiguity {
        Instant since;
        boolean answered;
        String why;
    }

    /** Searches until the job shows or {@code until} has passed: Keboola's search shows a new job only seconds later. */
    private Optional<KeboolaJob> findSettled(TriggerCommand trigger, String token, Instant from, String excluded, Instant until,
                                             BooleanSupplier cancelled) {
        while (true) {
            Optional<KeboolaJob> found = findOnce(trigger, token, from, excluded);
            Duration left = Duration.between(clock.instant(), until);
            if (found.isPresent() || left.isNegative() || left.isZero()) {
                return found;
            }
            waiter.await(left.compareTo(recovery.searchEvery()) < 0 ? left : recovery.searchEvery(), cancelled);
        }
    }

    private Optional<KeboolaJob> findOnce(TriggerCommand trigger, String token, Instant from, String excluded) {
        List<KeboolaJob> candidates;
        try {
            candidates = keboola.searchJobs(trigger.target(), from, token);
        } catch (RetryableDeliveryException | dev.tecko.dispatcher.http.PermanentDeliveryException e) {
            throw e;
        } catch (DeliveryException e) {
            throw new AmbiguousException(e.getMessage());
        }
        List<KeboolaJob> matching = JobMatcher.matching(trigger, candidates, excluded);
        if (matching.size() > 1) {
            throw new AmbiguousException(matching.size() + " Keboola jobs since " + from + " match this trigger ("
                    + String.join(", ", matching.stream().map(KeboolaJob::id).toList()) + "): cannot tell which, if any, is its own");
        }
        return matching.stream().findFirst();
    }

    private TriggerResult created(TriggerCommand trigger, KeboolaJob job, int attempts) {
        return new TriggerResult(Check.CURRENT_SCHEMA_VERSION, trigger.triggerId(), trigger.jobId(), trigger.generation(),
                TriggerOutcome.OK, job.id(), job.uiUrl(trigger.target().stackUrl()), job.status(), job.runId(),
                attempts == 0 ? null : 201, attempts, null,
                clock.instant());
    }

    private TriggerResult result(TriggerCommand trigger, TriggerOutcome outcome, String keboolaJobId, Integer status, int attempts,
                                 String error) {
        return new TriggerResult(Check.CURRENT_SCHEMA_VERSION, trigger.triggerId(), trigger.jobId(), trigger.generation(),
                outcome, keboolaJobId, null, null, null, status, attempts, error, clock.instant());
    }

    /** More than one job could be this trigger's; an operator decides. */
    static final class AmbiguousException extends RuntimeException {
        AmbiguousException(String message) {
            super(message, null, false, false);
        }
    }
}
