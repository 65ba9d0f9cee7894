package dev.tecko.app.cli;

/** Answers of the REST API as docs/api.md describes them. */
final class ApiFixtures {
    private ApiFixtures() {
    }

    static final String JOB = """
            {"jobId": "nightly-2026-11-21", "name": "Nightly enrichment", "status": "active", "generation": 1,
             "batches": [
               {"batchId": "batch_abc", "status": "completed", "requestCounts": {"total": 100, "completed": 90, "failed": 10},
                "observedAt": "2026-11-21T10:20:00Z", "model": "gpt-4o-mini",
                "usage": {"inputTokens": 25000, "outputTokens": 6000, "totalTokens": 31000, "cachedTokens": 5000, "reasoningTokens": 0}},
               {"batchId": "batch_def", "status": "pending"}],
             "requestCounts": {"total": 100, "completed": 90, "failed": 10},
             "usage": {"inputTokens": 25000, "outputTokens": 6000, "totalTokens": 31000, "cachedTokens": 5000, "reasoningTokens": 0},
             "counts": {"total": 2, "completed": 1, "failed": 0, "open": 1},
             "openaiSecret": "openai-prod",
             "target": {"type": "keboola", "stackUrl": "https://connection.keboola.com", "componentId": "keboola.orchestrator",
                        "configId": "123456", "branchId": "789", "configRowIds": ["1", "2"], "secret": "kbc-prod"},
             "pollIntervalSeconds": 120, "minPollIntervalSeconds": 30, "maxPollIntervalSeconds": 600,
             "triggerPolicy": {"type": "min_completed_ratio", "minCompletedRatio": 0.8},
             "deadline": "2026-11-22T06:00:00Z",
             "createdAt": "2026-11-21T10:15:30Z", "updatedAt": "2026-11-21T10:20:00Z", "version": 3}
            """;

    /** A job that finds its batches by their tag and has found none yet. */
    static final String TAGGED_JOB = """
            {"jobId": "nightly-tagged", "name": "Nightly", "status": "active", "generation": 1, "batches": [],
             "counts": {"total": 0, "completed": 0, "failed": 0, "open": 0},
             "openaiSecret": "openai-prod",
             "target": {"type": "keboola", "stackUrl": "https://connection.keboola.com", "componentId": "keboola.orchestrator",
                        "configId": "123456", "secret": "kbc-prod"},
             "pollIntervalSeconds": 120,
             "batchSearch": {"tag": {"key": "run", "value": "nightly-2026-12-04"}, "since": "2026-12-04T00:00:00Z",
                             "sealAt": "2026-12-04T03:00:00Z", "expectedBatches": 12, "state": "open"},
             "createdAt": "2026-12-04T00:00:00Z", "updatedAt": "2026-12-04T00:00:00Z", "version": 1}
            """;

    static final String EVENTS = """
            {"events": [
              {"jobId": "nightly-2026-11-21", "sequence": 0, "type": "created", "at": "2026-11-21T10:15:30Z", "status": "active",
               "generation": 1, "commandId": "cmd-1"},
              {"jobId": "nightly-2026-11-21", "sequence": 1, "type": "batch_changed", "at": "2026-11-21T10:20:00Z", "status": "active",
               "generation": 1, "batchId": "batch_abc", "batchStatus": "completed", "previousBatchStatus": "in_progress",
               "requestCounts": {"total": 100, "completed": 90, "failed": 10}}]}
            """;

    static final String PENDING = """
            {"jobId": "nightly-2026-11-21", "commandId": "cmd-42", "status": "pending"}
            """;

    static final String VALIDATION_PROBLEM = """
            {"type": "https://tecko.dev/problems/validation", "title": "Invalid request", "status": 400,
             "detail": "2 fields are invalid", "instance": "/api/jobs",
             "errors": [{"field": "batchIds", "message": "must hold at least 1 batch id"},
                        {"field": "keboolaStackUrl", "message": "must be https"}]}
            """;

    static String jobSummary(String id, String status, int total, int open, int failed) {
        return """
                {"jobId": "%s", "name": "Job %s", "status": "%s", "generation": 1,
                 "counts": {"total": %d, "completed": %d, "failed": %d, "open": %d},
                 "targetType": "keboola", "createdAt": "2026-11-21T10:00:00Z", "updatedAt": "2026-11-21T11:00:00Z", "finishedAt": null}
                """.formatted(id, id, status, total, total - open - failed, failed, open);
    }
}
