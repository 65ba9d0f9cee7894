package dev.tecko.api.jobs;

import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.kafka.RecordWriter;
import dev.tecko.api.views.JobEventsView;
import dev.tecko.api.views.JobStatusView;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a command to {@code job-commands} and waits, bounded, for the processor's answer: the job event carrying the
 * same {@code commandId}. A rejection becomes the problem it maps to; an answer that does not come in time leaves the
 * command pending (it is on the topic and will apply).
 */
public final class CommandGateway {
    private final RecordWriter writer;
    private final Topic<String, JobCommand> commands;
    private final JobEventsView events;
    private final JobStatusView jobs;
    private final Duration timeout;

    public CommandGateway(RecordWriter writer, Topic<String, JobCommand> commands, JobEventsView events, JobStatusView jobs,
                          Duration timeout) {
        this.writer = writer;
        this.commands = commands;
        this.events = events;
        this.jobs = jobs;
        this.timeout = timeout;
    }

    /** @return the event that applied the command, or empty when the processor did not answer in time */
    public Optional<JobEvent> send(JobCommand command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var answer = events.answerTo(command.commandId());
        JobEvent event;
        try {
            writer.write(commands, command.jobId(), command);
            event = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            events.forget(command.commandId());
            return Optional.empty();
        } catch (InterruptedException e) {
            events.forget(command.commandId());
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            // nothing completes the answer exceptionally; kept total for the compiler
            events.forget(command.commandId());
            throw new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            // the write failed: nobody will answer
            events.forget(command.commandId());
            throw e;
        }
        if (event.type() == EventType.COMMAND_REJECTED) {
            throw rejection(event);
        }
        // what the answer says should show in lists too before the client hears back; if not in time, answer anyway
        jobs.awaitReflects(event, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return Optional.of(event);
    }

    /**
     * The processor's refusal as the problem it means, decided on its code, never on its message: the job does not
     * exist → 404; anything else (it exists already, its status does not allow the command, the command is not
     * acceptable, or a rejection written before codes existed) → 409. The message is passed on as the detail.
     */
    static ApiProblem rejection(JobEvent rejected) {
        String message = rejected.message() == null ? "the processor rejected the command" : rejected.message();
        return rejected.rejectionCode() == RejectionCode.NOT_FOUND ? ApiProblem.notFound(message) : ApiProblem.conflict(message);
    }
}
