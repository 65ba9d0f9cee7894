package dev.tecko.poller.check;

import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.BatchProvider;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.ProviderException;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.poller.schedule.DueJob;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.PollError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the due jobs: groups them by key, and per key either pages the list endpoint (newest first) until every due
 * batch was seen, or sends one GET per batch; publishes what is news. Every failure stays with its batch: it becomes a
 * {@code poll_error} (or {@code not_found}) observation, or a later turn (rate limit), and never stops the others.
 */
public final class BatchChecker {
    private static final Logger log = LoggerFactory.getLogger(BatchChecker.class);
    /** How soon a turn that could not start (its key busy with a sweep) is tried again. */
    static final Duration BUSY_RETRY = Duration.ofMillis(250);

    private final PollSchedule schedule;
    private final BatchProvider client;
    private final EndpointResolver endpoints;
    private final RateLimitGate gate;
    private final ObservationSink sink;
    private final CheckSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Set<String> sweeping = ConcurrentHashMap.newKeySet();

    public BatchChecker(PollSchedule schedule, BatchProvider client, EndpointResolver endpoints, RateLimitGate gate,
                        ObservationSink sink, CheckSettings settings, MeterRegistry meters, Clock clock) {
        this.schedule = schedule;
        this.client = client;
        this.endpoints = endpoints;
        this.gate = gate;
        this.sink = sink;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** Hands the work of these turns to {@code executor}; returns at once. */
    public void dispatch(List<DueJob> due, Executor executor) {
        Map<String, List<DueJob>> bySecret = new LinkedHashMap<>();
        for (DueJob job : due) {
            bySecret.computeIfAbsent(job.secret(), k -> new ArrayList<>()).add(job);
        }
        bySecret.forEach((secret, jobs) -> dispatchKey(secret, jobs, executor));
    }

    private void dispatchKey(String secret, List<DueJob> jobs, Executor executor) {
        Instant now = clock.instant();
        Optional<Instant> blocked = gate.blockedUntil(secret, now);
        if (blocked.isPresent()) {
            jobs.forEach(job -> schedule.giveBack(job, blocked.get()));
            return;
        }
        if (sweeping.contains(secret)) {
            jobs.forEach(job -> schedule.giveBack(job, now.plus(BUSY_RETRY)));
            return;
        }
        ProviderEndpoint endpoint;
        PollError unusable = new PollError("secret_unavailable", "secret '" + secret + "' is not known or cannot be decrypted", null);
        try {
            endpoint = endpoints.resolve(secret).orElse(null);
        } catch (EndpointResolver.RefusedException e) {
            endpoint = null;
            unusable = new PollError("secret_refused", e.getMessage(), null);
            log.warn("{}", e.getMessage());
        } catch (RuntimeException e) {
            endpoint = null;
            log.warn("secret '{}' cannot be used: {}", secret, e.getMessage());
        }
        if (endpoint == null) {
            for (DueJob job : jobs) {
                for (DueJob.DueBatch batch : job.batches()) {
                    publish(schedule.failed(job.jobId(), batch.batchId(), unusable, true));
                    countPoll(unusable.code());
                    schedule.checked(job, null);
                }
            }
            return;
        }
        int dueBatches = jobs.stream().mapToInt(j -> j.batches().size()).sum();
        ProviderEndpoint resolved = endpoint;
        try {
            if (settings.useList() && dueBatches >= settings.listThreshold() && client.listsNewestFirst(resolved)) {
                sweeping.add(secret);
                executor.execute(() -> sweep(resolved, jobs, executor));
            } else {
                for (DueJob job : jobs) {
                    for (DueJob.DueBatch batch : job.batches()) {
                        executor.execute(() -> getOne(resolved, job, batch.batchId()));
                    }
                }
            }
        } catch (RejectedExecutionException e) {
            // shutting down: the turns simply end
            sweeping.remove(secret);
        }
    }

    /**
     * Pages {@code GET /batches} newest first until every due batch was seen, the page is older than the oldest due
     * batch, or the page budget is spent; what a page shows of other watched batches counts as seen too. The due batches
     * not seen get a GET each.
     */
    void sweep(ProviderEndpoint endpoint, List<DueJob> jobs, Executor executor) {
        Map<String, List<DueJob>> pending = new LinkedHashMap<>();
        Instant oldest = Instant.MAX;
        boolean allDated = true;
        for (DueJob job : jobs) {
            for (DueJob.DueBatch batch : job.batches()) {
                pending.computeIfAbsent(batch.batchId(), k -> new ArrayList<>()).add(job);
                if (batch.providerCreatedAt() == null) {
                    allDated = false;
                } else if (batch.providerCreatedAt().isBefore(oldest)) {
                    oldest = batch.providerCreatedAt();
                }
            }
        }
        try {
            String after = null;
            for (int page = 0; page < settings.maxPages() && !pending.isEmpty(); page++) {
                BatchPage result = client.listBatches(endpoint, after);
                Instant pageOldest = Instant.MAX;
                for (ProviderBatch batch : result.batches()) {
                    listed(endpoint, batch);
                    List<DueJob> waiting = pending.remove(batch.id());
                    if (waiting != null) {
                        waiting.forEach(job -> {
                            countPoll("listed");
                            schedule.checked(job, null);
                        });
                    }
                    if (batch.createdAt() != null && batch.createdAt().isBefore(pageOldest)) {
                        pageOldest = batch.createdAt();
                    }
                }
                if (!result.hasMore() || result.lastId() == null || (allDated && pageOldest.isBefore(oldest))) {
                    break;
                }
                after = result.lastId();
            }
        } catch (ProviderException e) {
            log.debug("listing batches of '{}' stopped: {}", endpoint.name(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("listing batches of '{}' failed: {}", endpoint.name(), e.toString());
        } finally {
            sweeping.remove(endpoint.name());
        }
        pending.forEach((batchId, waiting) -> waiting.forEach(job -> {
            try {
                executor.execute(() -> getOne(endpoint, job, batchId));
            } catch (RejectedExecutionException e) {
                schedule.checked(job, null);
            }
        }));
    }

    /**
     * A list page of {@code endpoint}'s key showed {@code batch}: what it says counts as a check for every job watching it
     * (a sweep's page, or a tag search's), so they need no request of their own this half interval.
     */
    public void listed(ProviderEndpoint endpoint, ProviderBatch batch) {
        for (String jobId : schedule.jobsWatching(batch.id(), endpoint.name())) {
            publish(schedule.observed(jobId, batch, ObservationSource.POLL));
        }
    }

    /** One GET for one due batch; whatever happens, the batch's part of the turn is done afterwards. */
    void getOne(ProviderEndpoint endpoint, DueJob job, String batchId) {
        // the scope encloses the catch blocks too: their log lines are the ones that need the ids most
        try (var logContext = LogContext.job(job.jobId()).batch(batchId)) {
            Instant notBefore = null;
            try {
                ProviderBatch batch = client.getBatch(endpoint, batchId);
                Optional<BatchObservation> news = schedule.observed(job.jobId(), batch, ObservationSource.POLL);
                countPoll(news.isPresent() ? "changed" : "unchanged");
                publish(news);
            } catch (ProviderException e) {
                notBefore = e.retryAt();
                handle(job.jobId(), batchId, e);
            } catch (RuntimeException e) {
                countPoll("error");
                log.warn("checking batch failed: {}", e.toString());
            } finally {
                schedule.checked(job, notBefore);
            }
        }
    }

    /** A webhook said this batch changed: fetch it now for every job watching it. */
    public void fetchNow(String batchId) {
        schedule.secretsWatching(batchId).forEach((jobId, secret) -> {
            try (var logContext = LogContext.job(jobId).batch(batchId)) {
                fetch(jobId, secret, batchId, true);
            }
        });
    }

    /** The webhook backstop: fetches a batch for a job this poller may not own, with that job's secret. */
    public void fetchFor(String jobId, String secret, String batchId) {
        try (var logContext = LogContext.job(jobId).batch(batchId)) {
            fetch(jobId, secret, batchId, schedule.secretsWatching(batchId).containsKey(jobId));
        }
    }

    /**
     * Fetches a batch for one job and publishes it: through the schedule when this poller watches the job (only news),
     * else as it is (another poller's job: the processor keeps what is later). A failure of another poller's job is
     * counted and logged only: its schedule, and so its poll errors, are its owner's.
     */
    private void fetch(String jobId, String secret, String batchId, boolean watched) {
        try {
            Optional<ProviderEndpoint> endpoint = endpoints.resolve(secret);
            if (endpoint.isEmpty()) {
                return;
            }
            ProviderBatch batch = client.getBatch(endpoint.get(), batchId);
            Optional<BatchObservation> news = watched ? schedule.observed(jobId, batch, ObservationSource.WEBHOOK)
                    : Optional.of(batch.toObservation(jobId, clock.instant(), ObservationSource.WEBHOOK));
            countPoll(news.isPresent() ? "changed" : "unchanged");
            publish(news);
        } catch (ProviderException e) {
            // schedule.failed and notFound publish nothing for a job the schedule does not hold
            handle(jobId, batchId, e);
        } catch (RuntimeException e) {
            log.warn("fetching batch {} after a webhook failed: {}", batchId, e.toString());
        }
    }

    private void handle(String jobId, String batchId, ProviderException e) {
        countPoll(e.kind().code());
        switch (e.kind()) {
            case RATE_LIMITED -> log.debug("batch {}: {}", batchId, e.getMessage());
            case NOT_FOUND -> publish(schedule.notFound(jobId, batchId, "the batch API does not know batch " + batchId));
            case UNAUTHORIZED -> publish(schedule.failed(jobId, batchId, pollError(e), true));
            default -> {
                log.info("batch {} not read: {}", batchId, e.getMessage());
                publish(schedule.failed(jobId, batchId, pollError(e), false));
            }
        }
    }

    private static PollError pollError(ProviderException e) {
        return new PollError(e.kind().code(), e.getMessage(), e.httpStatus());
    }

    private void publish(Optional<BatchObservation> observation) {
        observation.ifPresent(o -> {
            try {
                sink.publish(o);
            } catch (RuntimeException e) {
                schedule.publishFailed(o);
                log.warn("publishing observation of batch {} failed: {}", o.batchId(), e.toString());
            }
        });
    }

    private void countPoll(String outcome) {
        Counter.builder("tecko.poller.polls").description("batch checks by outcome").tag("outcome", outcome)
                .register(meters).increment();
    }
}
