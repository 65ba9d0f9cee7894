package dev.tecko.api.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The events view holds the history of jobs that exist, whatever anyone writes for ids that name no job. */
@ExtendWith(KafkaBrokerExtension.class)
class JobEventsViewIT {

    private static JobEvent event(String jobId, long sequence, EventType type, String commandId) {
        return new JobEvent(1, jobId, sequence, type, Instant.EPOCH, sequence == 0 ? null : JobStatus.ACTIVE, sequence == 0 ? 0 : 1,
                null, null, null, null, commandId, type == EventType.COMMAND_REJECTED ? "job does not exist" : null);
    }

    @Test
    void givenAFloodOfRejectionsForIdsThatNameNoJob_whenApplied_thenNoneIsKeptAndWaitingCommandsAreStillAnswered(EmbeddedKafka kafka)
            throws Exception {
        var topics = new Topics("ev" + UUID.randomUUID().toString().substring(0, 8) + ".");
        var props = new Properties();
        props.putAll(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        try (Admin admin = Admin.create(props)) {
            new TopicAdmin(admin).createAll(topics, 1, (short) 1);
        }
        try (var view = new JobEventsView(props, topics.jobEvents())) {
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            var answer = view.answerTo("cmd-waiting");

            for (int i = 0; i < 10_000; i++) {
                view.accept(event("random-" + i, 0, EventType.COMMAND_REJECTED, i == 5_000 ? "cmd-waiting" : "c" + i));
            }
            view.accept(event("job-1", 1, EventType.CREATED, "c-create"));
            view.accept(event("job-1", 2, EventType.PAUSED, "c-pause"));

            assertThat(view.jobsHeld()).as("histories held").isEqualTo(1);
            assertThat(view.latest("job-1", 10)).hasSize(2);
            assertThat(answer).isCompletedWithValueMatching(e -> e.jobId().equals("random-5000"));

        }
    }
}
