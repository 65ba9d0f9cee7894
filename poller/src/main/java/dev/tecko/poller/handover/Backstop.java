package dev.tecko.poller.handover;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving poller's check that a handed-over webhook was acted on. A handover waits for the poller owning the job's
 * partition; an owner that died without leaving the group (SIGKILL, a lost host) holds its partitions until the group's
 * session times out, at least 6 s, and the webhook's job waits with it. So {@link #AFTER} after a handover the receiver
 * looks at {@code job-status} (its batch index reads all of it): every job holding the batch whose snapshot does not show
 * it ended yet has its batch fetched by the receiver itself, with the job's key, and published on {@code batch-status}.
 * When the owner did act, that costs nothing; when both did, the processor keeps one of the two equal observations.
 */
public final class Backstop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Backstop.class);
    /**
     * An owner that lives fetches within tens of milliseconds and its report shows on {@code job-status} within a few
     * hundred; a second leaves room for that and still keeps a webhook's job within 2 s of it when the owner is gone.
     */
    static final Duration AFTER = Duration.ofSeconds(1);

    /** Fetches a batch with the named secret and publishes what it shows for the job; must not block or throw. */
    public interface Fetcher {
        void fetch(String jobId, String secret, String batchId);
    }

    private final BatchIndex index;
    private final ScheduledExecutorService timer;
    private final Duration after;
    private final Fetcher fetcher;
    private final Counter fetched;
    private final Counter settled;

    Backstop(BatchIndex index, ScheduledExecutorService timer, Duration after, Fetcher fetcher, MeterRegistry meters) {
        this.index = index;
        this.timer = timer;
        this.after = after;
        this.fetcher = fetcher;
        String description = "handed-over webhooks the receiver checked a second later: settled (every job showed the batch ended), "
                + "fetched (per job that did not: the receiver fetched it itself)";
        this.fetched = Counter.builder("tecko.poller.webhook.backstops").description(description).tag("outcome", "fetched").register(meters);
        this.settled = Counter.builder("tecko.poller.webhook.backstops").description(description).tag("outcome", "settled").register(meters);
    }

    /** A webhook about this batch was handed over: look again after {@link #AFTER}. */
    void watch(String batchId) {
        try {
            timer.schedule(() -> check(batchId), after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: the owner still has the handover
        }
    }

    void check(String batchId) {
        try {
            List<BatchIndex.Unsettled> open = index.unsettled(batchId);
            if (open.isEmpty()) {
                settled.increment();
                return;
            }
            for (BatchIndex.Unsettled job : open) {
                log.debug("batch {} of job {} not shown ended {} after its webhook: fetching it here", batchId, job.jobId(), after);
                fetched.increment();
                fetcher.fetch(job.jobId(), job.secret(), batchId);
            }
        } catch (RuntimeException e) {
            log.warn("checking the handover of batch {} failed: {}", batchId, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
