package dev.tecko.dispatcher.follow;

import dev.tecko.dispatcher.http.DeliveryException;
import dev.tecko.dispatcher.keboola.KeboolaJobProgress;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretException;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.SecretType;
import java.time.Clock;

/**
 * One look at one followed Keboola job: its token from the job's keboola secret (sent only to the job's own stack, and
 * only while that stack is on the allow-list), {@code GET /jobs/{id}} on the queue host, and what it says as a
 * {@link DownstreamObservation}. Every failure is an {@link Outcome}, never an exception: following goes on.
 */
public final class DownstreamCheck {
    /** How a check ended: with a report of the Keboola job, or why there is none. */
    public sealed interface Outcome {
        /** The Keboola job as it is now. */
        record Seen(DownstreamObservation observation) implements Outcome {
        }

        /** No answer to use this time (Keboola down, slow, 404 while it catches up, a status this build does not know). */
        record NotNow(String reason) implements Outcome {
        }

        /** The job cannot be followed with what it names (secret missing or of another type, stack off the allow-list). */
        record Refused(String reason) implements Outcome {
        }
    }

    private final SecretSource secrets;
    private final KeboolaQueueClient keboola;
    private final TargetAllowList targets;
    private final Clock clock;

    public DownstreamCheck(SecretSource secrets, KeboolaQueueClient keboola, TargetAllowList targets, Clock clock) {
        this.secrets = secrets;
        this.keboola = keboola;
        this.targets = targets;
        this.clock = clock;
    }

    public Outcome check(FollowedJob job) {
        String stack = job.target().stackUrl();
        var offList = targets.refuseTarget(stack);
        if (offList.isPresent()) {
            return new Outcome.Refused("stack " + stack + " " + offList.get());
        }
        Secret secret;
        try {
            secret = secrets.get(job.target().secret());
        } catch (SecretException e) {
            return new Outcome.NotNow(e.getMessage());
        }
        if (secret.type() != SecretType.KEBOOLA) {
            return new Outcome.Refused("secret '" + secret.name() + "' is a " + secret.type().wire() + " secret, not a keboola one");
        }
        KeboolaJobProgress progress;
        try {
            progress = keboola.getJob(stack, job.keboolaJobId(), secret.value());
        } catch (DeliveryException e) {
            // its message never holds the token (HttpFailures redacts what the target echoes)
            return new Outcome.NotNow(e.getMessage());
        }
        DownstreamStatus status = DownstreamStatus.fromWire(progress.status());
        if (status == null) {
            return new Outcome.NotNow("Keboola job " + job.keboolaJobId() + " has status '" + progress.status() + "', unknown here");
        }
        return new Outcome.Seen(new DownstreamObservation(Check.CURRENT_SCHEMA_VERSION, job.jobId(), job.triggerId(), job.generation(),
                job.keboolaJobId(), status, progress.startTime(), progress.endTime(), progress.durationSeconds(),
                cut(progress.message(), Check.MAX_TEXT), cut(progress.url(), 2048), clock.instant()));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
