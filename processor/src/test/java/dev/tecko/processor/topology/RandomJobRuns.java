package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.machine.JobsUnderTest;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The randomized script and its checks, one home for both levels: random interleavings of commands, duplicated and
 * reordered observations and trigger results, applied to a {@link JobsUnderTest} and to {@link ReferenceModel}, then
 * compared (triggers and their sets, final snapshots, the deadline index where there is a store, event sequences).
 */
final class RandomJobRuns {
    private static final BatchStatus[] OBSERVABLE = {BatchStatus.VALIDATING, BatchStatus.IN_PROGRESS, BatchStatus.FINALIZING,
            BatchStatus.COMPLETED, BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.EXPIRED, BatchStatus.CANCELLED};

    private RandomJobRuns() {
    }

    /** Runs {@code runs} seeds from {@code baseSeed}; a failure names the seed (and the property of the run count) to reproduce it with. */
    static int runAll(String runsProperty, int runs, long baseSeed, int steps, int jobIds, Supplier<JobsUnderTest> system) {
        int lifecycles = 0;
        for (int run = 0; run < runs; run++) {
            long seed = baseSeed + run;
            try {
                lifecycles += runOnce(seed, steps, jobIds, system.get());
            } catch (AssertionError e) {
                throw new AssertionError("randomized run failed; reproduce with -Dtecko.random.seed=" + seed
                        + " -D" + runsProperty + "=1: " + e.getMessage(), e);
            }
        }
        return lifecycles;
    }

    /** One run of {@code steps} random records over {@code jobIds} job ids; how many job ids were ever created. */
    static int runOnce(long seed, int steps, int jobIds, JobsUnderTest d) {
        var random = new Random(seed);
        var model = new ReferenceModel();
        Set<String> everCreated = new HashSet<>();
        Map<String, JobSnapshot> snapshots = new LinkedHashMap<>();
        try (d) {
            for (int step = 0; step < steps; step++) {
                if (random.nextInt(20) == 0) {
                    // now and then the snapshot interval passes mid-run: what was coalesced so far is published
                    d.latestSnapshots(snapshots);
                }
                String jobId = "job-" + random.nextInt(jobIds);
                var at = T0.plusMillis(step);
                int op = random.nextInt(100);
                if (op < 12) {
                    int n = 1 + random.nextInt(3);
                    List<String> batches = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        batches.add("b" + i);
                    }
                    TriggerPolicy policy = switch (random.nextInt(3)) {
                        case 0 -> TriggerPolicy.ALWAYS;
                        case 1 -> TriggerPolicy.ALL_COMPLETED;
                        default -> TriggerPolicy.minCompletedRatio(0.5);
                    };
                    if (random.nextInt(3) == 0) {
                        // a bound on failed requests: 0 refuses any all-failed batch; 0.4 refuses when two of up to three are
                        policy = policy.withMaxFailedRequestRatio(random.nextBoolean() ? 0.0 : 0.4);
                    }
                    boolean paused = random.nextInt(5) == 0;
                    var s = Driver.spec(batches.toArray(String[]::new));
                    // the wall clock never moves here, so deadlines never fire: they exercise the deadline index only
                    Instant deadline = random.nextBoolean() ? null : T0.plusSeconds(3600 + random.nextInt(3));
                    d.create(jobId, new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, policy,
                            deadline, paused), at);
                    model.create(jobId, batches, policy, paused);
                    everCreated.add(jobId);
                } else if (op < 70) {
                    // observedAt from a small range: duplicates and out-of-order arrivals happen all the time
                    String batchId = "b" + random.nextInt(4);
                    BatchStatus status = OBSERVABLE[random.nextInt(OBSERVABLE.length)];
                    long observedAt = random.nextInt(40);
                    // now and then a batch completes with every request failed: a failure for the policy
                    boolean allFailed = status == BatchStatus.COMPLETED && random.nextInt(4) == 0;
                    d.observe(jobId, batchId, status, new RequestCounts(10, status.isCompleted() && !allFailed ? 10 : 0, allFailed ? 10 : 0),
                            T0.plusSeconds(observedAt));
                    model.observe(jobId, batchId, status, allFailed, observedAt);
                } else if (op < 76) {
                    d.command(CommandType.PAUSE, jobId, at);
                    model.pause(jobId);
                } else if (op < 84) {
                    d.command(CommandType.RESUME, jobId, at);
                    model.resume(jobId);
                } else if (op < 86) {
                    d.command(CommandType.CANCEL, jobId, at);
                    model.cancel(jobId);
                } else if (op < 90) {
                    d.command(CommandType.RETRIGGER, jobId, at);
                    model.retrigger(jobId);
                } else if (op < 91) {
                    d.command(CommandType.DELETE, jobId, at);
                    model.delete(jobId);
                } else if (op < 95) {
                    // the dispatcher's advisory reports: at from a small range, so late, duplicated and reordered copies
                    // are common, and some for the generation before
                    var job = model.jobs.get(jobId);
                    int generation = Math.max(1, (job == null ? 1 : job.generation) - random.nextInt(2));
                    long reportAt = random.nextInt(40);
                    d.deliveryProgress(new DeliveryProgress(1, jobId, TriggerCommand.triggerId(jobId, generation), generation,
                            random.nextInt(5), "503", 503, null, random.nextBoolean(), T0.plusSeconds(reportAt)));
                    model.delivery(jobId, generation, reportAt);
                } else {
                    var job = model.jobs.get(jobId);
                    int generation = Math.max(1, (job == null ? 1 : job.generation) - random.nextInt(2));
                    boolean ok = random.nextBoolean();
                    d.result(jobId, generation, ok ? TriggerOutcome.OK : TriggerOutcome.FAILED, at);
                    model.result(jobId, generation, ok);
                }
            }
            checkTriggers(d.drainTriggers(), model);
            d.latestSnapshots(snapshots);
            checkSnapshots(snapshots, model);
            Map<String, String> index = d.deadlineIndex();
            if (index != null) {
                checkDeadlineIndex(index, snapshots);
            }
            checkSequences(d.drainEvents());
        }
        return everCreated.size();
    }

    private static void checkTriggers(List<TriggerCommand> emitted, ReferenceModel model) {
        var ids = emitted.stream().map(TriggerCommand::triggerId).toList();
        assertThat(ids).as("one trigger per job generation").doesNotHaveDuplicates();
        var actual = emitted.stream().map(t -> new ReferenceModel.ExpectedTrigger(t.jobId(), t.generation(),
                set(t, BatchStatus.COMPLETED, true), set(t, BatchStatus.COMPLETED, false))).toList();
        assertThat(actual).as("triggers and their completed/failed sets").containsExactlyElementsOf(model.triggers);
    }

    /** The index holds exactly the jobs that can still time out: watched, with a deadline and an open batch. */
    private static void checkDeadlineIndex(Map<String, String> index, Map<String, JobSnapshot> snapshots) {
        var expected = snapshots.values().stream()
                .filter(s -> s.status().isWatching() && s.deadline() != null
                        && s.batches().stream().anyMatch(b -> !b.status().isTerminal()))
                .map(s -> DeadlineIndex.key(s.deadline(), s.jobId())).toList();
        assertThat(index.keySet()).as("deadline index").containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Set<String> set(TriggerCommand t, BatchStatus completed, boolean wantCompleted) {
        return t.batches().stream().filter(b -> (b.status() == completed) == wantCompleted).map(b -> b.batchId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void checkSnapshots(Map<String, JobSnapshot> snapshots, ReferenceModel model) {
        assertThat(snapshots.keySet()).as("jobs alive").containsExactlyInAnyOrderElementsOf(model.jobs.keySet());
        model.jobs.forEach((jobId, job) -> {
            JobSnapshot s = snapshots.get(jobId);
            assertThat(s.status()).as(jobId + " status").isEqualTo(job.status);
            assertThat(s.generation()).as(jobId + " generation").isEqualTo(job.generation);
            Map<String, BatchStatus> expected = new LinkedHashMap<>();
            job.batches.forEach((id, b) -> expected.put(id, b.status()));
            Map<String, BatchStatus> actual = new LinkedHashMap<>();
            for (BatchSnapshot b : s.batches()) {
                actual.put(b.batchId(), b.status());
            }
            assertThat(actual).as(jobId + " batches").isEqualTo(expected);
            String outcome = s.lastTrigger() == null || s.lastTrigger().outcome() == null ? null
                    : s.lastTrigger().outcome() == TriggerOutcome.OK ? "ok" : "failed";
            if (s.lastTrigger() != null && s.lastTrigger().generation() == job.generation) {
                assertThat(outcome).as(jobId + " last trigger outcome").isEqualTo(job.lastOutcome);
            }
            Instant delivery = s.lastTrigger() == null || s.lastTrigger().delivery() == null ? null
                    : s.lastTrigger().delivery().updatedAt();
            assertThat(delivery).as(jobId + " delivery progress shown")
                    .isEqualTo(job.deliveryAt == null ? null : T0.plusSeconds(job.deliveryAt));
        });
    }

    /** Per job id, sequences run 1, 2, 3, ..., on across a delete and a re-creation (unknown-job rejections carry 0). */
    private static void checkSequences(List<JobEvent> events) {
        Map<String, Long> last = new HashMap<>();
        for (JobEvent e : events) {
            if (e.sequence() == 0) {
                continue;
            }
            long expected = last.getOrDefault(e.jobId(), 0L) + 1;
            assertThat(e.sequence()).as("sequence of " + e.jobId()).isEqualTo(expected);
            last.put(e.jobId(), e.sequence());
        }
    }
}
