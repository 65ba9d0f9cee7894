package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.ReceivedJobRequest;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A zombie: the first dispatcher's loop stalls (as in a long GC pause) right after it read the triggers and its lanes
 * asked for their {@code sent} marks. Its group moves on without it and a second dispatcher takes the partition over.
 * When the first wakes up it must not write its marks nor send anything: the marks go with the group's offsets and this
 * member's generation, which the coordinator refuses. Every trigger gets exactly one Keboola job, and every job's last
 * ledger mark is the successor's {@code done} (a zombie's late {@code sent} mark would make it look unanswered).
 */
@ExtendWith(KafkaBrokerExtension.class)
class DispatcherZombieFencedIT {
    private static final String TOKEN = "kbc-zombie-" + UUID.randomUUID();
    private static final int TRIGGERS = 30;

    @Test
    void givenADispatcherStalledPastItsPollInterval_whenItWakesUpAfterAnotherTookOver_thenItSendsNothing(EmbeddedKafka kafka)
            throws Exception {
        var fixture = new DispatcherFixture(kafka, 1);
        var stallingClock = new StallingClock(Duration.ofSeconds(12));
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN)) {
            List<TriggerCommand> triggers = IntStream.range(0, TRIGGERS).mapToObj(i -> DispatcherFixture.trigger(i, keboola.url(), "kbc")).toList();
            fixture.send(triggers);
            // the group gives a member 3 s between polls; the stall lasts 12
            try (var zombie = runtime(fixture, "zombie", Map.of("TECKO_KAFKA_MAX_POLL_INTERVAL_MS", "3000"), stallingClock).start()) {
                assertThat(stallingClock.stalled.await(60, TimeUnit.SECONDS)).as("the first dispatcher stalled").isTrue();
                try (var successor = runtime(fixture, "successor", Map.of(), Clock.systemUTC()).start()) {
                    Awaitility.await().atMost(Duration.ofSeconds(90))
                            .until(() -> fixture.results(TRIGGERS, Duration.ofMillis(500)).size() >= TRIGGERS);
                    // the zombie wakes up, and whatever it would send would show within seconds
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(stallingClock.woke::get);
                    Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                            .until(() -> keboola.postAttempts() == TRIGGERS);
                }
            }
            List<TriggerResult> results = fixture.results(TRIGGERS, Duration.ofSeconds(3));
            Map<String, Long> postsPerTrigger = keboola.received().stream()
                    .collect(Collectors.groupingBy(ReceivedJobRequest::variables, Collectors.counting()))
                    .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().get("batch_ids_completed"), Map.Entry::getValue));
            assertThat(keboola.received()).as("Keboola jobs").hasSize(TRIGGERS);
            assertThat(postsPerTrigger).hasSize(TRIGGERS).allSatisfy((trigger, posts) -> assertThat(posts).as(trigger).isOne());
            assertThat(results).extracting(TriggerResult::triggerId).hasSize(TRIGGERS).doesNotHaveDuplicates();
            // and the zombie wrote nothing to the ledger: a sent mark of its, landing after the successor's done mark,
            // would make the job's trigger look unanswered to the next owner (a second result, or a second POST)
            var marks = fixture.topics.dispatcherLedger().valueSerde().deserializer();
            Map<String, DispatchMark> last = new HashMap<>();
            fixture.readCommitted(fixture.topics.dispatcherLedger().name(), 2 * TRIGGERS, Duration.ofSeconds(10))
                    .forEach(r -> last.put(new String(r.key(), StandardCharsets.UTF_8), marks.deserialize(r.topic(), r.value())));
            assertThat(last).hasSize(TRIGGERS).allSatisfy((job, mark) -> assertThat(mark.isDone()).as("last ledger mark of %s", job).isTrue());
        }
    }

    private static DispatcherRuntime runtime(DispatcherFixture fixture, String instance, Map<String, String> settings, Clock clock) {
        return new DispatcherRuntime(fixture.config(instance, settings), new SimpleMeterRegistry(),
                DispatcherFixture.secrets(Map.of("kbc", TOKEN)), clock);
    }

    /**
     * The system clock, except that the dispatcher's loop thread stops for a while the second time it reads the time
     * (planning the second trigger of its first poll), once the first trigger's lane has asked for its mark: the loop
     * has read triggers, and a lane waits for its mark.
     */
    private static final class StallingClock extends Clock {
        final CountDownLatch stalled = new CountDownLatch(1);
        final AtomicBoolean woke = new AtomicBoolean();
        private final Duration stall;
        private final CountDownLatch laneAsked = new CountDownLatch(1);
        private final AtomicInteger loopReads = new AtomicInteger();

        StallingClock(Duration stall) {
            this.stall = stall;
        }

        @Override
        public Instant instant() {
            String thread = Thread.currentThread().getName();
            if (thread.equals("tecko-dispatcher-worker")) {
                laneAsked.countDown();
            } else if (thread.equals("tecko-dispatcher") && loopReads.incrementAndGet() == 2) {
                pause();
            }
            return Instant.now();
        }

        /** A GC pause, as the group sees it: this member does not poll, and its heartbeat thread gives up its membership. */
        private void pause() {
            try {
                laneAsked.await(10, TimeUnit.SECONDS);
                stalled.countDown();
                new CountDownLatch(1).await(stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            woke.set(true);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
