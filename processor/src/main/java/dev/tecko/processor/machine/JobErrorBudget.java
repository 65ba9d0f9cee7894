package dev.tecko.processor.machine;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.PollError;
import java.util.ArrayList;
import java.util.List;

/**
 * How much of the providers' error texts a job keeps, so that a job of any size stays within its record limit
 * ({@code RecordLimits.JOB_RECORD_BYTES}) however its batches failed: at most {@value #PER_JOB} errors in the whole job
 * (first come, first kept), each message cut to {@value #MESSAGE_CHARS} characters, and a poll error's code and message
 * cut likewise. Every observation on {@code batch-status} still carries its own first 20 errors and the count of the rest,
 * and the provider's error file has them all.
 */
final class JobErrorBudget {
    static final int PER_JOB = 100;
    static final int MESSAGE_CHARS = 1_000;
    static final int CODE_CHARS = 64;

    private JobErrorBudget() {
    }

    /** The errors a batch may keep, given how many the job's other batches keep already ({@code elsewhere}). */
    static List<BatchError> kept(List<BatchError> incoming, int elsewhere) {
        if (incoming.isEmpty()) {
            return incoming;
        }
        int room = Math.max(0, PER_JOB - elsewhere);
        List<BatchError> kept = new ArrayList<>(Math.min(room, incoming.size()));
        for (BatchError error : incoming.subList(0, Math.min(room, incoming.size()))) {
            kept.add(new BatchError(error.code(), cut(error.message(), MESSAGE_CHARS), error.param(), error.line()));
        }
        return List.copyOf(kept);
    }

    static PollError kept(PollError error) {
        return error == null ? null
                : new PollError(cut(error.code(), CODE_CHARS), cut(error.message(), MESSAGE_CHARS), error.httpStatus());
    }

    private static String cut(String text, int chars) {
        return text == null || text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }
}
