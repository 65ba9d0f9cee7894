package dev.tecko.bench.poller;

import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.bench.report.BenchReport;
import dev.tecko.bench.report.Target;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.check.BatchChecker;
import dev.tecko.poller.check.CheckSettings;
import dev.tecko.poller.check.EndpointResolver;
import dev.tecko.poller.provider.ClientSettings;
import dev.tecko.poller.openai.OpenAiClient;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.poller.schedule.IntervalPolicy;
import dev.tecko.poller.schedule.Jitter;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Batch checks of one poller against the sandbox OpenAI on loopback: the poller's own {@link PollSchedule} and
 * {@link BatchChecker}, driven round by round on a hand-moved clock (each round = one poll interval, every batch due),
 * with and without the list endpoint. HTTP requests are counted by the sandbox. Baseline, same run, same sandbox: one
 * GET per batch, 10 at a time, through the same client — what TeckoChecker does.
 */
public final class PollerBench {
    static final double TARGET_CHECKS_PER_SECOND = 5000;
    static final double TARGET_REQUESTS_PER_BATCH = 0.05;
    static final int BASELINE_CONCURRENCY = 10;
    private static final String KEY = "sk-bench-sandbox-key";
    private static final String SECRET = "bench-openai";
    private static final int INTERVAL_SECONDS = 60;
    /** Past every job's next turn (interval ± 10 % jitter), and past the half interval a listed batch counts as fresh. */
    private static final Duration ROUND = Duration.ofSeconds(INTERVAL_SECONDS).multipliedBy(5).dividedBy(4);

    public record Params(int jobs, int batches, int rounds, int concurrency, int listThreshold, int listMaxPages) {
    }

    static final String HTTP_SERVER_NODELAY = "sun.net.httpserver.nodelay";

    private final Consumer<String> progress;

    /**
     * The sandbox runs on the JDK's HTTP server, which writes headers and body separately; without TCP_NODELAY, Nagle's
     * algorithm and delayed ACKs hold each response about 40 ms on loopback, so the stand-in, not the poller, would be
     * measured. Takes effect only before the JVM's first HTTP server starts (the server reads it once).
     */
    public static void avoidLoopbackStalls() {
        if (System.getProperty(HTTP_SERVER_NODELAY) == null) {
            System.setProperty(HTTP_SERVER_NODELAY, "true");
        }
    }

    public PollerBench(Consumer<String> progress) {
        this.progress = progress;
    }

    public BenchReport run(Params params, Deadline deadline) throws InterruptedException {
        var report = new BenchReport("poller").environment("sandbox OpenAI on loopback (in this JVM); no Kafka involved")
                .parameter("jobs", params.jobs())
                .parameter("batches_per_job", params.batches())
                .parameter("batches", params.jobs() * params.batches())
                .parameter("rounds", params.rounds())
                .parameter("poll_interval_s", INTERVAL_SECONDS)
                .parameter("concurrency", params.concurrency())
                .parameter("list_threshold", params.listThreshold())
                .parameter("list_max_pages", params.listMaxPages())
                .parameter("sandbox_tcp_nodelay", Boolean.getBoolean(HTTP_SERVER_NODELAY))
                .target(Target.atLeast("list_checks_per_second", TARGET_CHECKS_PER_SECOND, null))
                .target(Target.atMost("list_requests_per_batch_per_interval", TARGET_REQUESTS_PER_BATCH, null));
        var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (var sandbox = SandboxOpenAi.start(clock, KEY)) {
            List<JobSnapshot> jobs = createBatches(sandbox, params);
            progress.accept("poller with the list endpoint: " + params.rounds() + " rounds");
            CheckRounds list = pollerRounds(sandbox, clock, jobs, params, true, deadline);
            list.describe("list_", report::result);
            progress.accept("poller with one GET per batch: " + params.rounds() + " rounds");
            CheckRounds get = pollerRounds(sandbox, clock, jobs, params, false, deadline);
            get.describe("get_", report::result);
            progress.accept("baseline: one GET per batch, " + BASELINE_CONCURRENCY + " at a time");
            CheckRounds baseline = baselineRounds(sandbox, clock, jobs, params, deadline);
            report.baselineDescription("one GET per batch, " + BASELINE_CONCURRENCY + " at a time, same client (what TeckoChecker does)");
            baseline.describe("", report::baseline);
            if (!list.complete() || !get.complete() || !baseline.complete()) {
                return report.incomplete("not every round finished within --max-duration");
            }
            return report.ratio(list.checksPerSecond() / baseline.checksPerSecond(),
                            "poller (list endpoint) checks/s ÷ baseline checks/s")
                    .target(Target.atLeast("list_checks_per_second", TARGET_CHECKS_PER_SECOND, list.checksPerSecond()))
                    .target(Target.atMost("list_requests_per_batch_per_interval", TARGET_REQUESTS_PER_BATCH,
                            list.requestsPerBatchPerInterval()));
        }
    }

    /** The sandbox batches (in progress until the bench ends) and the active jobs holding them, as job-status shows them. */
    private static List<JobSnapshot> createBatches(SandboxOpenAi sandbox, Params params) {
        var plan = new BatchPlan(Duration.ZERO, BatchPlan.FOREVER, BatchPlan.FOREVER, BatchPlan.Ending.COMPLETED, 1000, 0);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        var target = TriggerTarget.keboola("https://connection.keboola.com", "keboola.ex-generic-v2", "1234567", "bench-keboola");
        List<JobSnapshot> jobs = new ArrayList<>();
        for (int job = 0; job < params.jobs(); job++) {
            List<BatchSnapshot> batches = new ArrayList<>();
            for (int batch = 0; batch < params.batches(); batch++) {
                String id = JobFixtures.batchId(job, batch);
                sandbox.createBatch(id, plan);
                batches.add(BatchSnapshot.pending(id));
            }
            jobs.add(new JobSnapshot(1, JobFixtures.jobId(job), "bench job " + job, JobStatus.ACTIVE, 1, batches, null, SECRET,
                    target, INTERVAL_SECONDS, null, null, null, null, null, now, now, null, 1));
        }
        return jobs;
    }

    private CheckRounds pollerRounds(SandboxOpenAi sandbox, MutableClock clock, List<JobSnapshot> jobs, Params params,
                                     boolean useList, Deadline deadline) throws InterruptedException {
        var schedule = new PollSchedule(clock, new IntervalPolicy(10), new Jitter(new Random(8), 0.1));
        jobs.forEach(job -> schedule.upsert(job, 0));
        var meters = new SimpleMeterRegistry();
        var gate = new RateLimitGate();
        var client = new OpenAiClient(ClientSettings.defaults(), params.concurrency(), gate, meters, clock);
        var endpoints = new EndpointResolver(name -> Optional.of(new Secret(SECRET, SecretType.OPENAI, sandbox.baseUrl(), KEY)),
                // the sandbox OpenAI listens on loopback
                ProviderEndpoint.DEFAULT_BASE_URL, new TargetAllowList(List.of(), true));
        var checker = new BatchChecker(schedule, client, endpoints, gate, observation -> { },
                new CheckSettings(useList, params.listThreshold(), params.listMaxPages()), meters, clock);
        ExecutorService pool = Executors.newFixedThreadPool(params.concurrency());
        try {
            var executor = new InFlightExecutor(pool);
            CheckRounds rounds = CheckRounds.none();
            for (int round = 0; round < params.rounds() && rounds.complete(); round++) {
                clock.advance(ROUND);
                var due = schedule.takeDue();
                long checks = due.stream().mapToLong(job -> job.batches().size()).sum();
                long requestsBefore = sandbox.totalRequests();
                long begin = System.nanoTime();
                checker.dispatch(due, executor);
                boolean done = executor.awaitIdle(deadline);
                rounds = rounds.plus(checks, sandbox.totalRequests() - requestsBefore, System.nanoTime() - begin, done);
            }
            return rounds;
        } finally {
            pool.shutdownNow();
            client.close();
        }
    }

    private static CheckRounds baselineRounds(SandboxOpenAi sandbox, MutableClock clock, List<JobSnapshot> jobs, Params params,
                                              Deadline deadline) throws InterruptedException {
        var client = new OpenAiClient(ClientSettings.defaults(), BASELINE_CONCURRENCY, new RateLimitGate(),
                new SimpleMeterRegistry(), clock);
        var endpoint = ProviderEndpoint.of(new Secret(SECRET, SecretType.OPENAI, sandbox.baseUrl(), KEY));
        List<String> batchIds = jobs.stream().flatMap(job -> job.batches().stream()).map(BatchSnapshot::batchId).toList();
        ExecutorService pool = Executors.newFixedThreadPool(BASELINE_CONCURRENCY);
        try {
            var executor = new InFlightExecutor(pool);
            CheckRounds rounds = CheckRounds.none();
            for (int round = 0; round < params.rounds() && rounds.complete(); round++) {
                clock.advance(ROUND);
                long requestsBefore = sandbox.totalRequests();
                long begin = System.nanoTime();
                for (String id : batchIds) {
                    executor.execute(() -> get(client, endpoint, id));
                }
                boolean done = executor.awaitIdle(deadline);
                rounds = rounds.plus(batchIds.size(), sandbox.totalRequests() - requestsBefore, System.nanoTime() - begin, done);
            }
            return rounds;
        } finally {
            pool.shutdownNow();
            client.close();
        }
    }

    private static void get(OpenAiClient client, ProviderEndpoint endpoint, String batchId) {
        try {
            client.getBatch(endpoint, batchId);
        } catch (Exception e) {
            throw new IllegalStateException("baseline GET of " + batchId + " failed: " + e.getMessage(), e);
        }
    }
}
