package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.machine.JobsUnderTest;
import dev.tecko.processor.machine.MachineDriver;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.EventType;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
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
 * reordered observations and trigger results, and, for tagged jobs, seal commands and searches' discoveries (duplicated,
 * late, reordered, for another incarnation or tag), applied to a {@link JobsUnderTest} and to {@link ReferenceModel}, then
 * compared (triggers and their sets, final snapshots, the deadline index where there is a store, event sequences, the
 * batches added and refused, no trigger before a tagged job's seal).
 */
final class RandomJobRuns {
    /** Named at creation (b…) or found by the tag (t…): observations and searches draw from both. */
    private static final String[] BATCH_IDS = {"b0", "b1", "b2", "b3", "t0", "t1", "t2"};
    private static final BatchTag OTHER_TAG = new BatchTag("run", "another-night");
    private static final BatchStatus[] OBSERVABLE = {BatchStatus.VALIDATING, BatchStatus.IN_PROGRESS, BatchStatus.FINALIZING,
            BatchStatus.COMPLETED, BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.EXPIRED, BatchStatus.CANCELLED};

    private RandomJobRuns() {
    }

    /** Runs {@code runs} seeds from {@code baseSeed}; a failure names the seed (and the property of the run count) to reproduce it with. */
    /** What a run checked: job lifecycles, and how often the tagged jobs' paths were taken. */
    record Tally(int lifecycles, int sealedLists, int taggedTriggers, int refusedReports) {
        Tally plus(Tally o) {
            return new Tally(lifecycles + o.lifecycles, sealedLists + o.sealedLists, taggedTriggers + o.taggedTriggers,
                    refusedReports + o.refusedReports);
        }

        @Override
        public String toString() {
            return lifecycles + " job lifecycles checked (" + sealedLists + " tagged lists sealed, " + taggedTriggers
                    + " tagged jobs triggered, " + refusedReports + " late finds refused)";
        }
    }

    static Tally runAll(String runsProperty, int runs, long baseSeed, int steps, int jobIds, Supplier<JobsUnderTest> system) {
        Tally lifecycles = new Tally(0, 0, 0, 0);
        for (int run = 0; run < runs; run++) {
            long seed = baseSeed + run;
            try {
                lifecycles = lifecycles.plus(runOnce(seed, steps, jobIds, system.get()));
            } catch (AssertionError e) {
                throw new AssertionError("randomized run failed; reproduce with -Dtecko.random.seed=" + seed
                        + " -D" + runsProperty + "=1: " + e.getMessage(), e);
            }
        }
        return lifecycles;
    }

    /** One run of {@code steps} random records over {@code jobIds} job ids; how many job ids were ever created. */
    static Tally runOnce(long seed, int steps, int jobIds, JobsUnderTest d) {
        var random = new Random(seed);
        var model = new ReferenceModel();
        Set<String> everCreated = new HashSet<>();
        Map<String, JobSnapshot> snapshots = new LinkedHashMap<>();
        // per job id, whether each job created under it was tagged, in order: its created events say which incarnation
        Map<String, ArrayDeque<Boolean>> tags = new HashMap<>();
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
                    // a third of the jobs find (more of) their batches by their tag: then they may name none
                    boolean tagged = random.nextInt(3) == 0;
                    int n = (tagged ? 0 : 1) + random.nextInt(3);
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
                    // the wall clock never moves here, so deadlines never fire: they exercise the deadline index only
                    Instant deadline = random.nextBoolean() ? null : T0.plusSeconds(3600 + random.nextInt(3));
                    Long sealAt = tagged && random.nextInt(3) == 0 ? (long) random.nextInt(steps) : null;
                    Integer expected = tagged && random.nextInt(3) == 0 ? 1 + random.nextInt(4) : null;
                    d.create(jobId, new JobSpec("job", batches, "openai-key", Driver.TARGET, null, null, null, policy, deadline, paused,
                            null, null, tagged ? MachineDriver.TAG : null, null, sealAt == null ? null : T0.plusMillis(sealAt), expected), at);
                    if (model.create(jobId, batches, policy, paused, step, tagged, sealAt, expected)) {
                        tags.computeIfAbsent(jobId, id -> new ArrayDeque<>()).add(tagged);
                    }
                    everCreated.add(jobId);
                } else if (op < 62) {
                    // observedAt from a small range: duplicates and out-of-order arrivals happen all the time
                    String batchId = BATCH_IDS[random.nextInt(BATCH_IDS.length)];
                    BatchStatus status = OBSERVABLE[random.nextInt(OBSERVABLE.length)];
                    long observedAt = random.nextInt(40);
                    // now and then a batch completes with every request failed: a failure for the policy
                    boolean allFailed = status == BatchStatus.COMPLETED && random.nextInt(4) == 0;
                    d.observe(jobId, batchId, status, new RequestCounts(10, status.isCompleted() && !allFailed ? 10 : 0, allFailed ? 10 : 0),
                            T0.plusSeconds(observedAt));
                    model.observe(jobId, batchId, status, allFailed, observedAt);
                } else if (op < 68) {
                    discover(random, d, model, jobId, step);
                } else if (op < 70) {
                    d.command(CommandType.SEAL, jobId, at);
                    model.seal(jobId, step);
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
            List<JobEvent> events = d.drainEvents();
            checkSequences(events);
            int taggedTriggers = checkBatchLists(events, model, tags);
            return new Tally(everCreated.size(), count(events, EventType.SEALED), taggedTriggers, count(events, EventType.BATCHES_REFUSED));
        }
    }

    private static int count(List<JobEvent> events, EventType type) {
        return (int) events.stream().filter(e -> e.type() == type).count();
    }

    /**
     * A search's report, as the job's poller would write it, and as late, duplicated or reordered copies arrive: ids from a
     * small pool (some held already, some named), {@code listedUpTo} around now (behind the seal or past it, or absent), now
     * and then for another incarnation of the job id or another tag.
     */
    private static void discover(Random random, JobsUnderTest d, ReferenceModel model, String jobId, int step) {
        var job = model.jobs.get(jobId);
        long createdAt = job == null || random.nextInt(10) == 0 ? -1_000 : job.createdAt;
        boolean sameTag = random.nextInt(10) != 0;
        List<String> ids = new ArrayList<>();
        for (String id : BATCH_IDS) {
            if (random.nextInt(4) == 0) {
                ids.add(id);
            }
        }
        Collections.shuffle(ids, random);
        Long listedUpTo = random.nextInt(5) == 0 ? null : (long) Math.max(0, step - 40 + random.nextInt(60));
        d.discover(new BatchDiscovery(1, jobId, T0.plusMillis(createdAt), sameTag ? MachineDriver.TAG : OTHER_TAG, ids,
                listedUpTo == null ? null : T0.plusMillis(listedUpTo), T0.plusMillis(step)), T0.plusMillis(step));
        model.discover(jobId, createdAt, sameTag, ids, listedUpTo, step);
    }

    /**
     * Per job, what its searches added and refused, in order, as the model says; a tagged job never triggers before its
     * list is sealed (a sealed event since its creation), and no batch is added to a sealed list.
     */
    private static int checkBatchLists(List<JobEvent> events, ReferenceModel model, Map<String, ArrayDeque<Boolean>> tags) {
        int taggedTriggers = 0;
        var changes = events.stream().filter(e -> e.type() == EventType.BATCHES_ADDED || e.type() == EventType.BATCHES_REFUSED)
                .map(e -> new ReferenceModel.ListChange(e.jobId(), e.type() == EventType.BATCHES_ADDED, e.batchIds())).toList();
        assertThat(changes).as("batches added and refused").containsExactlyElementsOf(model.listChanges);
        Map<String, Boolean> tagged = new HashMap<>();
        Map<String, Boolean> sealed = new HashMap<>();
        for (JobEvent e : events) {
            switch (e.type()) {
                case CREATED -> {
                    tagged.put(e.jobId(), tags.get(e.jobId()).removeFirst());
                    sealed.put(e.jobId(), false);
                }
                case SEALED -> {
                    assertThat(tagged.get(e.jobId())).as(e.jobId() + ": only a tagged job seals").isTrue();
                    assertThat(sealed.put(e.jobId(), true)).as(e.jobId() + ": sealed once").isFalse();
                }
                case BATCHES_ADDED -> assertThat(sealed.get(e.jobId())).as(e.jobId() + ": nothing added once sealed").isFalse();
                case TRIGGER_REQUESTED -> {
                    assertThat(!tagged.get(e.jobId()) || sealed.get(e.jobId()))
                            .as(e.jobId() + ": a tagged job triggers only once its list is sealed (seq " + e.sequence() + ")").isTrue();
                    taggedTriggers += tagged.get(e.jobId()) ? 1 : 0;
                }
                default -> {
                }
            }
        }
        return taggedTriggers;
    }

    private static void checkTriggers(List<TriggerCommand> emitted, ReferenceModel model) {
        var ids = emitted.stream().map(TriggerCommand::triggerId).toList();
        assertThat(ids).as("one trigger per job generation").doesNotHaveDuplicates();
        var actual = emitted.stream().map(t -> new ReferenceModel.ExpectedTrigger(t.jobId(), t.generation(),
                set(t, BatchStatus.COMPLETED, true), set(t, BatchStatus.COMPLETED, false))).toList();
        assertThat(actual).as("triggers and their completed/failed sets").containsExactlyElementsOf(model.triggers);
    }

    /** The index holds exactly the jobs that can still time out: watched, with a deadline and an open batch or list. */
    private static void checkDeadlineIndex(Map<String, String> index, Map<String, JobSnapshot> snapshots) {
        var expected = snapshots.values().stream()
                .filter(s -> s.status().isWatching() && s.deadline() != null
                        && (s.batches().stream().anyMatch(b -> !b.status().isTerminal())
                        || s.batchSearch() != null && !s.batchSearch().sealed()))
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
            assertThat(s.batchSearch() != null).as(jobId + " tagged").isEqualTo(job.tagged);
            if (job.tagged) {
                assertThat(s.batchSearch().sealed()).as(jobId + " sealed").isEqualTo(job.sealed);
                assertThat(s.batchSearch().listedUpTo()).as(jobId + " listed up to")
                        .isEqualTo(job.listedUpTo == null ? null : T0.plusMillis(job.listedUpTo));
                assertThat(s.batchSearch().sealRequestedAt()).as(jobId + " seal requested")
                        .isEqualTo(job.sealRequestedAt == null ? null : T0.plusMillis(job.sealRequestedAt));
            }
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
