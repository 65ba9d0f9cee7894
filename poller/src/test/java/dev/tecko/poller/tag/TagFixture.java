package dev.tecko.poller.tag;

import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.check.EndpointResolver;
import dev.tecko.poller.openai.OpenAiClient;
import dev.tecko.poller.provider.ClientSettings;
import dev.tecko.poller.provider.ProviderHttp;
import dev.tecko.poller.provider.Providers;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.poller.schedule.IntervalPolicy;
import dev.tecko.poller.schedule.Jitter;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.SealReason;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A tag search against the sandbox OpenAI over loopback HTTP, on a clock the test moves: the schedule, the searcher, a
 * sink that keeps what is published (or fails when told), and a stand-in for the processor that applies discoveries to
 * the job's snapshot as tag-design.md says (held ids skipped, listedUpTo only forward, sealed once it covers the seal time).
 */
final class TagFixture implements AutoCloseable {
    static final String KEY = "sk-tag-search-key-never-logged";
    static final String SECRET = "openai-main";
    static final String ANTHROPIC_SECRET = "claude";
    static final BatchTag TAG = new BatchTag("run", "nightly-1");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final SandboxOpenAi sandbox = SandboxOpenAi.start(clock, KEY);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RateLimitGate gate = new RateLimitGate();
    final List<BatchDiscovery> published = new ArrayList<>();
    /** how many of the next publications fail */
    final AtomicInteger failPublications = new AtomicInteger();
    final TagSettings settings;
    final TagSchedule schedule;
    final TagSearcher searcher;
    private final ProviderHttp http;
    private final Providers providers;
    private JobSnapshot job;

    TagFixture(TagSettings settings) {
        this.settings = settings;
        http = new ProviderHttp(new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(10)), 4, gate, meters, clock);
        providers = new Providers(Map.of(Provider.OPENAI, new OpenAiClient(http)), http);
        Map<String, Secret> secrets = Map.of(SECRET, new Secret(SECRET, SecretType.OPENAI, sandbox.baseUrl(), KEY),
                ANTHROPIC_SECRET, new Secret(ANTHROPIC_SECRET, SecretType.ANTHROPIC, null, KEY));
        var endpoints = new EndpointResolver(name -> Optional.ofNullable(secrets.get(name)), sandbox.baseUrl(),
                new TargetAllowList(List.of(), true));
        schedule = new TagSchedule(clock, new IntervalPolicy(10), new Jitter(new Random(1), 0), settings);
        DiscoverySink sink = discovery -> {
            if (failPublications.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("broker away");
            }
            published.add(discovery);
        };
        searcher = new TagSearcher(schedule, providers, endpoints, gate, sink, settings, meters, clock, (endpoint, batch) -> { });
    }

    static TagSettings settings(int lagSeconds, int maxPages) {
        return new TagSettings(Duration.ofSeconds(lagSeconds), maxPages, Duration.ofSeconds(1));
    }

    /** The job with this search, holding {@code batchIds}, created at {@link #T0}, polled every 60 s. */
    static JobSnapshot job(String secret, BatchSearch search, List<String> batchIds) {
        List<BatchSnapshot> batches = batchIds.stream().map(BatchSnapshot::pending).toList();
        return new JobSnapshot(1, "job-t", "tagged", JobStatus.ACTIVE, 1, batches, null, secret,
                TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "123", "kbc"), 60, null, null, null, null,
                null, T0, T0, null, 1, null, null, null, null, null, null, search);
    }

    /** Starts watching a job of {@link #SECRET} with an open search from {@code since}. */
    void watch(Instant since, String... held) {
        put(job(SECRET, BatchSearch.open(TAG, since, null, null), List.of(held)));
    }

    void put(JobSnapshot snapshot) {
        job = snapshot;
        schedule.upsert(snapshot, 0);
    }

    JobSnapshot job() {
        return job;
    }

    /** A seal command applied now, as the processor would. */
    void seal() {
        put(with(job.batchSearch().withSealRequestedAt(clock.instant()), job.batches()));
    }

    /** One turn of the poller's loop, run on this thread; returns what it published. */
    List<BatchDiscovery> turn() {
        int before = published.size();
        searcher.dispatch(schedule.takeDue(), Runnable::run);
        return List.copyOf(published.subList(before, published.size()));
    }

    /** The processor's side of a discovery: new ids appended while not sealed, listedUpTo forward, sealed once covered. */
    void apply(BatchDiscovery discovery) {
        BatchSearch search = job.batchSearch();
        if (search.sealed()) {
            return;
        }
        List<BatchSnapshot> batches = new ArrayList<>(job.batches());
        List<String> held = batches.stream().map(BatchSnapshot::batchId).toList();
        discovery.batchIds().stream().filter(id -> !held.contains(id)).map(BatchSnapshot::pending).forEach(batches::add);
        Instant upTo = discovery.listedUpTo();
        if (upTo != null && (search.listedUpTo() == null || upTo.isAfter(search.listedUpTo()))) {
            search = search.withListedUpTo(upTo);
        }
        Instant due = search.sealDueAt(clock.instant());
        if (due != null && search.listedUpTo() != null && !search.listedUpTo().isBefore(due)) {
            search = search.sealed(clock.instant(), SealReason.COMMAND);
        }
        put(with(search, batches));
    }

    private JobSnapshot with(BatchSearch search, List<BatchSnapshot> batches) {
        JobSnapshot j = job;
        return new JobSnapshot(j.schemaVersion(), j.jobId(), j.name(), j.status(), j.generation(), batches, null, j.openaiSecret(),
                j.target(), j.pollIntervalSeconds(), null, null, null, null, null, j.createdAt(), clock.instant(), null, j.version() + 1,
                null, null, null, null, null, null, search);
    }

    void create(String id, Map<String, String> metadata) {
        sandbox.createBatch(id, BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1), metadata);
    }

    void tagged(String... ids) {
        Stream.of(ids).forEach(id -> create(id, Map.of(TAG.key(), TAG.value())));
    }

    double searches(String outcome) {
        return meters.counter("tecko.poller.tag.searches", "outcome", outcome).count();
    }

    double found() {
        return meters.counter("tecko.poller.tag.batches.found").count();
    }

    @Override
    public void close() {
        providers.close();
        sandbox.close();
    }
}
