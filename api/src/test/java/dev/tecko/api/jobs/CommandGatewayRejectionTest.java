package dev.tecko.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.api.http.ProblemType;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.RejectionCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API answers a refused command by the processor's code, never by its English message. */
class CommandGatewayRejectionTest {
    @Test
    void givenNotFound_thenA404WithTheProcessorsMessage_whateverItsWording() {
        var problem = CommandGateway.rejection(rejected(RejectionCode.NOT_FOUND, "no job named job-1 here"));

        assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(problem.getMessage()).contains("no job named job-1 here");
    }

    @Test
    void givenTheOldNotFoundWordingButAnotherCode_thenA409() {
        var problem = CommandGateway.rejection(rejected(RejectionCode.INVALID_STATE, "job job-1 does not exist"));

        assertThat(problem.type()).isEqualTo(ProblemType.CONFLICT);
    }

    @Test
    void givenEveryOtherCode_orNoneFromAnOlderProcessor_thenA409() {
        for (RejectionCode code : new RejectionCode[] {RejectionCode.ALREADY_EXISTS, RejectionCode.INVALID_STATE, RejectionCode.INVALID, null}) {
            assertThat(CommandGateway.rejection(rejected(code, "refused")).type()).as(String.valueOf(code)).isEqualTo(ProblemType.CONFLICT);
        }
    }

    private static JobEvent rejected(RejectionCode code, String message) {
        return new JobEvent(Check.CURRENT_SCHEMA_VERSION, "job-1", 0, EventType.COMMAND_REJECTED, Instant.parse("2026-01-01T00:00:00Z"),
                null, 0, null, null, null, null, "cmd-1", message, code);
    }
}
