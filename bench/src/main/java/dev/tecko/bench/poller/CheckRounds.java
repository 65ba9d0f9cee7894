package dev.tecko.bench.poller;

import java.util.function.BiConsumer;

/** What some rounds of batch checks added up to: checks, HTTP requests, time spent. */
record CheckRounds(long checks, long requests, long nanos, int rounds, boolean complete) {

    double checksPerSecond() {
        return nanos == 0 ? 0 : checks / (nanos / 1e9);
    }

    /** Every batch is checked once per round, and a round stands for one poll interval. */
    double requestsPerBatchPerInterval() {
        return checks == 0 ? 0 : requests / (double) checks;
    }

    CheckRounds plus(long moreChecks, long moreRequests, long moreNanos, boolean roundComplete) {
        return new CheckRounds(checks + moreChecks, requests + moreRequests, nanos + moreNanos, rounds + 1,
                complete && roundComplete);
    }

    static CheckRounds none() {
        return new CheckRounds(0, 0, 0, 0, true);
    }

    void describe(String prefix, BiConsumer<String, Object> put) {
        put.accept(prefix + "checks", checks);
        put.accept(prefix + "http_requests", requests);
        put.accept(prefix + "checks_per_second", checksPerSecond());
        put.accept(prefix + "requests_per_batch_per_interval", requestsPerBatchPerInterval());
    }
}
