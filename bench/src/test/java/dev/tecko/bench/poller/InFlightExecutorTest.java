package dev.tecko.bench.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.bench.kafka.Deadline;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightExecutorTest {

    @Test
    void givenTasksThatHandOverMoreTasks_whenAwaitingIdle_thenItReturnsOnlyAfterTheLastOneRan() throws Exception {
        var pool = Executors.newFixedThreadPool(3);
        try {
            var executor = new InFlightExecutor(pool);
            var ran = new AtomicInteger();
            for (int i = 0; i < 10; i++) {
                executor.execute(() -> {
                    ran.incrementAndGet();
                    // like a list sweep: its leftover GETs are handed over before it ends
                    executor.execute(ran::incrementAndGet);
                });
            }
            assertThat(executor.awaitIdle(Deadline.in(Duration.ofSeconds(10)))).isTrue();
            assertThat(ran).hasValue(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenATaskThatDoesNotFinish_whenTheDeadlinePasses_thenAwaitingGivesUp() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        var release = new CountDownLatch(1);
        try {
            var executor = new InFlightExecutor(pool);
            executor.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(executor.awaitIdle(Deadline.in(Duration.ofMillis(50)))).isFalse();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
