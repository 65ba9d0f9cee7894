package dev.tecko.poller.tag;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.poller.check.EndpointResolver;
import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.BatchProvider;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.ProviderException;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.schemas.BatchDiscovery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches a key's batch list for the batches of its due tagged jobs: one listing per key serves every due job of that
 * key, newest first, page by page, until each job's window start is passed (a page's oldest {@code created_at} before
 * it) or the list ends, at most {@link TagSettings#maxPages()} pages. A job whose window was covered gets
 * {@code listedUpTo} = the search's start less the list-lag margin; one not covered (page budget, an error, a 429) gets
 * none. Every page also counts as a look at the watched batches it shows ({@code listed}), so the batch sweep need not ask
 * for them again.
 */
public final class TagSearcher {
    private static final Logger log = LoggerFactory.getLogger(TagSearcher.class);
    static final List<String> OUTCOMES = List.of("found", "nothing_new", "incomplete", "error");

    private final TagSchedule schedule;
    private final BatchProvider client;
    private final EndpointResolver endpoints;
    private final RateLimitGate gate;
    private final DiscoverySink sink;
    private final TagSettings settings;
    private final Clock clock;
    private final BiConsumer<ProviderEndpoint, ProviderBatch> listed;
    private final Map<String, Counter> searches = new LinkedHashMap<>();
    private final Counter batchesFound;
    /** jobs already warned about a secret whose provider keeps no metadata (once per job, not once per turn) */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @param listed told of every batch a page shows (what the batch sweep would otherwise GET) */
    public TagSearcher(TagSchedule schedule, BatchProvider client, EndpointResolver endpoints, RateLimitGate gate, DiscoverySink sink,
                       TagSettings settings, MeterRegistry meters, Clock clock, BiConsumer<ProviderEndpoint, ProviderBatch> listed) {
        this.schedule = schedule;
        this.client = client;
        this.endpoints = endpoints;
        this.gate = gate;
        this.sink = sink;
        this.settings = settings;
        this.clock = clock;
        this.listed = listed;
        // registered at zero, so every documented series exists from the start
        for (String outcome : OUTCOMES) {
            searches.put(outcome, Counter.builder("tecko.poller.tag.searches").description("searches of a batch list for a tagged job")
                    .tag("outcome", outcome).register(meters));
        }
        batchesFound = Counter.builder("tecko.poller.tag.batches.found").description("batches carrying a job's tag reported on batch-discovery")
                .register(meters);
    }

    /** Hands the due searches, one task per key, to {@code executor}; returns at once. */
    public void dispatch(List<TagTurn> due, Executor executor) {
        Map<String, List<TagTurn>> bySecret = new LinkedHashMap<>();
        due.forEach(turn -> bySecret.computeIfAbsent(turn.secret(), k -> new ArrayList<>()).add(turn));
        Instant now = clock.instant();
        bySecret.forEach((secret, turns) -> {
            Optional<Instant> blocked = gate.blockedUntil(secret, now);
            if (blocked.isPresent()) {
                turns.forEach(turn -> schedule.giveBack(turn, blocked.get()));
                return;
            }
            try {
                executor.execute(() -> search(secret, turns));
            } catch (RejectedExecutionException e) {
                // shutting down: the turns simply end
                turns.forEach(schedule::done);
            }
        });
    }

    /** One job's search, as it goes. */
    private static final class Search {
        final TagTurn turn;
        final Set<String> tagged = new LinkedHashSet<>();
        boolean covered;

        Search(TagTurn turn) {
            this.turn = turn;
        }

        void consider(ProviderBatch batch) {
            if (!covered && turn.tag().marks(batch.metadata()) && batch.createdAt() != null && !batch.createdAt().isBefore(turn.floor())) {
                tagged.add(batch.id());
            }
        }
    }

    /** Lists the key's batches for these jobs, then reports each job's result; never throws. */
    void search(String secret, List<TagTurn> turns) {
        Instant start = clock.instant();
        Optional<ProviderEndpoint> endpoint = resolve(secret);
        if (endpoint.isEmpty()) {
            turns.forEach(turn -> finish(new Search(turn), null, "error", null));
            return;
        }
        if (!endpoint.get().provider().keepsBatchMetadata()) {
            for (TagTurn turn : turns) {
                if (warned.add(turn.jobId())) {
                    try (var logContext = LogContext.job(turn.jobId())) {
                        log.warn("tagged job {} is not searched: {}", turn.jobId(),
                                endpoint.get().provider().refuseBatchTag().orElse("its provider keeps no batch metadata"));
                    }
                }
                schedule.skip(turn);
            }
            return;
        }
        List<Search> open = new ArrayList<>(turns.stream().map(Search::new).toList());
        List<Search> all = List.copyOf(open);
        String stopped = "incomplete";
        Instant retryAt = null;
        try {
            String after = null;
            for (int page = 0; page < settings.maxPages() && !open.isEmpty(); page++) {
                BatchPage result = client.listBatches(endpoint.get(), after);
                Instant oldest = Instant.MAX;
                for (ProviderBatch batch : result.batches()) {
                    listed.accept(endpoint.get(), batch);
                    open.forEach(s -> s.consider(batch));
                    if (batch.createdAt() != null && batch.createdAt().isBefore(oldest)) {
                        oldest = batch.createdAt();
                    }
                }
                boolean end = !result.hasMore() || result.lastId() == null;
                for (Search s : open) {
                    s.covered = end || oldest.isBefore(s.turn.floor());
                }
                open.removeIf(s -> s.covered);
                after = result.lastId();
            }
        } catch (ProviderException e) {
            retryAt = e.retryAt();
            stopped = e.kind() == ProviderException.Kind.RATE_LIMITED ? "incomplete" : "error";
            log.info("searching the batches of '{}' for tagged jobs stopped: {}", secret, e.getMessage());
        } catch (RuntimeException e) {
            stopped = "error";
            log.warn("searching the batches of '{}' for tagged jobs failed: {}", secret, e.toString());
        }
        Instant listedUpTo = start.minus(settings.listLag());
        for (Search s : all) {
            finish(s, s.covered ? listedUpTo : null, stopped, retryAt);
        }
    }

    private Optional<ProviderEndpoint> resolve(String secret) {
        try {
            Optional<ProviderEndpoint> endpoint = endpoints.resolve(secret);
            if (endpoint.isEmpty()) {
                log.warn("tagged jobs of secret '{}' are not searched: the secret is not known", secret);
            }
            return endpoint;
        } catch (RuntimeException e) {
            // the messages name the secret and the rule, never its value
            log.warn("tagged jobs of secret '{}' are not searched: {}", secret, e.getMessage());
            return Optional.empty();
        }
    }

    private void finish(Search search, Instant listedUpTo, String stopped, Instant retryAt) {
        try (var logContext = LogContext.job(search.turn.jobId())) {
            Optional<BatchDiscovery> discovery = schedule.found(search.turn, search.tagged, listedUpTo);
            discovery.ifPresent(this::publish);
            int reported = discovery.map(d -> d.batchIds().size()).orElse(0);
            batchesFound.increment(reported);
            searches.get(!search.covered ? stopped : reported > 0 ? "found" : "nothing_new").increment();
        } finally {
            // a search a 429 cut short is tried again as soon as the key is free, not an interval later
            if (retryAt != null) {
                schedule.giveBack(search.turn, retryAt);
            } else {
                schedule.done(search.turn);
            }
        }
    }

    private void publish(BatchDiscovery discovery) {
        try {
            sink.publish(discovery);
            if (!discovery.batchIds().isEmpty()) {
                log.info("job {}: {} batch(es) carrying tag {} found", discovery.jobId(), discovery.batchIds().size(), discovery.tag());
            }
        } catch (RuntimeException e) {
            schedule.publishFailed(discovery);
            log.warn("publishing the discovery of job {} failed, it will be searched again: {}", discovery.jobId(), e.toString());
        }
    }
}
