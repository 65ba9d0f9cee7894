package dev.tecko.processor.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.TriggerTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way the machine refuses a command carries the code a reader decides on; the message is for people only. */
class RejectionCodesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "123", "kbc-token");
    private final JobMachine machine = new JobMachine(3, Duration.ofMinutes(30), new TargetAllowList(List.of(), false));
    private MapBatches batches = new MapBatches();
    private int commands;

    @Test
    void givenNoJob_whenAnythingButCreateComes_thenNotFound() {
        for (CommandType type : List.of(CommandType.PAUSE, CommandType.RESUME, CommandType.CANCEL, CommandType.RETRIGGER, CommandType.DELETE)) {
            assertThat(rejection(null, JobCommand.of(type, nextId(), "job-1", T0))).as(type.name()).isEqualTo(RejectionCode.NOT_FOUND);
        }
        assertThat(rejection(null, JobCommand.update(nextId(), "job-1", patchName("x"), T0))).isEqualTo(RejectionCode.NOT_FOUND);
    }

    @Test
    void givenADeletedJob_whenItIsPaused_thenNotFound() {
        JobState deleted = machine.onCommand(created(), batches, JobCommand.of(CommandType.DELETE, nextId(), "job-1", T0), T0).state();

        assertThat(rejection(deleted, JobCommand.of(CommandType.PAUSE, nextId(), "job-1", T0))).isEqualTo(RejectionCode.NOT_FOUND);
    }

    @Test
    void givenAJob_whenItIsCreatedAgain_thenAlreadyExists() {
        assertThat(rejection(created(), create(JobSpec.of("again", List.of("b1"), "openai", TARGET)))).isEqualTo(RejectionCode.ALREADY_EXISTS);
    }

    @Test
    void givenAJobItsStatusDoesNotAllow_whenTheCommandComes_thenInvalidState() {
        JobState active = created();
        assertThat(rejection(active, JobCommand.of(CommandType.RESUME, nextId(), "job-1", T0))).isEqualTo(RejectionCode.INVALID_STATE);
        assertThat(rejection(active, JobCommand.of(CommandType.RETRIGGER, nextId(), "job-1", T0))).isEqualTo(RejectionCode.INVALID_STATE);
        JobState cancelled = machine.onCommand(active, batches, JobCommand.of(CommandType.CANCEL, nextId(), "job-1", T0), T0).state();
        assertThat(rejection(cancelled, JobCommand.of(CommandType.PAUSE, nextId(), "job-1", T0))).isEqualTo(RejectionCode.INVALID_STATE);
        assertThat(rejection(cancelled, JobCommand.update(nextId(), "job-1", patchName("x"), T0))).isEqualTo(RejectionCode.INVALID_STATE);
    }

    @Test
    void givenACommandThatIsNotAcceptable_whenItComes_thenInvalid() {
        var tooMany = create(JobSpec.of("big", List.of("b1", "b2", "b3", "b4"), "openai", TARGET));
        assertThat(rejection(null, tooMany)).isEqualTo(RejectionCode.INVALID);

        var offTheList = create(JobSpec.of("elsewhere", List.of("b1"), "openai",
                TriggerTarget.keboola("https://connection.attacker.example", "kds-team.app", "123", "kbc-token")));
        assertThat(rejection(null, offTheList)).isEqualTo(RejectionCode.INVALID);

        // the merged settings do not hold together: min poll above the job's poll interval of 120 s
        var update = JobCommand.update(nextId(), "job-1", new JobPatch(null, null, null, null, 600, null, null, null, null), T0);
        assertThat(rejection(created(), update)).isEqualTo(RejectionCode.INVALID);
    }

    @Test
    void givenAnAcceptedCommand_thenItsEventHasNoCode() {
        var transition = machine.onCommand(null, JobBatches.NONE, create(JobSpec.of("fine", List.of("b1"), "openai", TARGET)), T0);

        assertThat(transition.rejected()).isFalse();
        assertThat(transition.outcome()).isEqualTo(TransitionOutcome.APPLIED);
        assertThat(transition.events()).extracting(JobEvent::rejectionCode).containsOnlyNulls();
    }

    private RejectionCode rejection(JobState stored, JobCommand command) {
        Transition transition = machine.onCommand(stored, stored == null ? JobBatches.NONE : batches, command, T0);
        assertThat(transition.outcome()).isEqualTo(TransitionOutcome.REJECTED);
        assertThat(transition.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
            assertThat(e.message()).isNotBlank();
        });
        return transition.events().get(0).rejectionCode();
    }

    /** A job of one batch, its row kept in {@link #batches}. */
    private JobState created() {
        var transition = machine.onCommand(null, JobBatches.NONE, create(JobSpec.of("job", List.of("b1"), "openai", TARGET)), T0);
        batches = new MapBatches().apply(transition);
        return transition.state();
    }

    private JobCommand create(JobSpec spec) {
        return JobCommand.create(nextId(), "job-1", spec, T0);
    }

    private static JobPatch patchName(String name) {
        return new JobPatch(name, null, null, null, null, null, null, null, null);
    }

    private String nextId() {
        return "cmd-" + ++commands;
    }
}
