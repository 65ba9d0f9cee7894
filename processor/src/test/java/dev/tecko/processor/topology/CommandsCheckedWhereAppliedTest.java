package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code job-commands} is open to other teams and any client: the processor applies the API's rules itself, and no job
 * waits in {@code triggering} for good.
 */
class CommandsCheckedWhereAppliedTest {
    private Driver d = new Driver(ProcessorSettings.defaults(Topics.withDefaultPrefix()).withTriggerResultTimeout(Duration.ofMinutes(30)));

    @AfterEach
    void close() {
        d.close();
    }

    private static JobSpec specFor(TriggerTarget target) {
        return JobSpec.of("hostile", List.of("b1"), "openai-key", target);
    }

    private JobEvent lastEvent() {
        List<JobEvent> events = d.drainEvents();
        return events.get(events.size() - 1);
    }

    @Test
    @DisplayName("given a create written straight to the topic whose Keboola target is another loopback address, then it is rejected")
    void aTargetOffTheAllowListIsRejected() {
        d.create("job-1", specFor(TriggerTarget.keboola("http://127.0.0.2:4567", "c", "1", "kbc")), T0);

        JobEvent rejected = lastEvent();
        assertThat(rejected.type()).isEqualTo(EventType.COMMAND_REJECTED);
        assertThat(rejected.message()).startsWith("target.stackUrl ");
        assertThat(d.latestSnapshots()).doesNotContainKey("job-1");
    }

    @Test
    @DisplayName("given hosts off the allow-list, IP literals and plain http, then each create is rejected")
    void everyRuleOfTheApiHolds() {
        for (String url : List.of("https://evil.example.com", "https://10.0.0.1", "http://connection.keboola.com",
                "https://connection.keboola.com.evil.io")) {
            d.create("job-x", specFor(TriggerTarget.keboola(url, "c", "1", "kbc")), T0);
            assertThat(lastEvent().type()).as(url).isEqualTo(EventType.COMMAND_REJECTED);
        }
        d.create("job-w", specFor(TriggerTarget.webhook("https://hooks.evil.example/x", "hook")), T0);
        assertThat(lastEvent().message()).startsWith("target.url ");
    }

    @Test
    @DisplayName("given an update that points the job at a host off the allow-list, then it is rejected and the job keeps its target")
    void anUpdateToAHostOffTheAllowListIsRejected() {
        d.create("job-1", "b1");
        d.send(dev.tecko.schemas.JobCommand.update("u1", "job-1", new dev.tecko.schemas.JobPatch(null, null,
                TriggerTarget.keboola("https://169.254.169.254", "c", "1", "kbc"), null, null, null, null, null, null), T0), T0);

        assertThat(lastEvent().type()).isEqualTo(EventType.COMMAND_REJECTED);
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(1));
        assertThat(d.triggers.readValuesToList()).singleElement()
                .satisfies(t -> assertThat(t.target().stackUrl()).isEqualTo(Driver.TARGET.stackUrl()));
    }

    @Test
    @DisplayName("given the OpenAI key named as a Keboola token in a create written straight to the topic, then it is rejected")
    void aSecretOfTheWrongTypeIsRejected() {
        d.storeSecret("openai-key", SecretType.OPENAI);
        d.storeSecret("kbc-token", SecretType.KEBOOLA);
        d.storeSecret("hook-key", SecretType.WEBHOOK);

        d.create("job-1", specFor(TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "openai-key")), T0);
        assertThat(lastEvent().message()).isEqualTo("target.secret: secret 'openai-key' is of type openai, not keboola");
        d.create("job-2", JobSpec.of("x", List.of("b1"), "kbc-token", Driver.TARGET), T0);
        assertThat(lastEvent().message()).isEqualTo("openaiSecret: secret 'kbc-token' is of type keboola, not a batch provider's key (openai, anthropic or gemini)");
        d.create("job-3", specFor(TriggerTarget.webhook("https://hooks.keboola.com/x", "kbc-token")), T0);
        assertThat(lastEvent().message()).isEqualTo("target.secret: secret 'kbc-token' is of type keboola, not webhook");
        assertThat(d.latestSnapshots()).isEmpty();

        // the right types pass, and so does a secret not known yet (the dispatcher refuses a wrong one when it sends)
        d.create("job-4", specFor(Driver.TARGET), T0);
        d.create("job-5", specFor(TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "not-stored-yet")), T0);
        // any batch provider's key: the secret's type chooses the provider
        d.storeSecret("claude-key", SecretType.ANTHROPIC);
        d.storeSecret("gemini-key", SecretType.GEMINI);
        d.create("job-6", JobSpec.of("x", List.of("b1"), "claude-key", Driver.TARGET), T0);
        d.create("job-7", JobSpec.of("x", List.of("b1"), "gemini-key", Driver.TARGET), T0);
        assertThat(d.latestSnapshots()).containsOnlyKeys("job-4", "job-5", "job-6", "job-7");
    }

    @Test
    @DisplayName("given an update that swaps in a secret of the wrong type, then it is rejected; a deleted secret is unknown again")
    void anUpdateToASecretOfTheWrongTypeIsRejected() {
        d.storeSecret("openai-key", SecretType.OPENAI);
        d.create("job-1", "b1");
        d.drainEvents();

        d.send(dev.tecko.schemas.JobCommand.update("u1", "job-1", new dev.tecko.schemas.JobPatch(null, null,
                TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "openai-key"), null, null, null, null, null, null), T0), T0);
        assertThat(lastEvent().type()).isEqualTo(EventType.COMMAND_REJECTED);

        d.deleteSecret("openai-key");
        d.send(dev.tecko.schemas.JobCommand.update("u2", "job-1", new dev.tecko.schemas.JobPatch(null, null,
                TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "openai-key"), null, null, null, null, null, null), T0), T0);
        assertThat(lastEvent().type()).isEqualTo(EventType.UPDATED);
    }

    @Test
    @DisplayName("given loopback allowed (the sandbox), then a loopback target is accepted")
    void loopbackWhenAllowed() {
        d.close();
        d = new Driver(ProcessorSettings.defaults(Topics.withDefaultPrefix()).withTargets(new TargetAllowList(List.of(), true)));
        d.create("job-1", specFor(TriggerTarget.keboola("http://127.0.0.1:4567", "c", "1", "kbc")), T0);
        assertThat(d.latestSnapshots()).containsKey("job-1");
    }

    @Test
    @DisplayName("given a job waiting for a trigger result, when it is cancelled, then it is cancelled and a late result changes nothing")
    void triggeringCanBeCancelled() {
        d.create("job-1", "b1");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(1));
        d.command(CommandType.CANCEL, "job-1", T0.plusSeconds(2));
        assertThat(d.latestSnapshots().get("job-1").status()).isEqualTo(JobStatus.CANCELLED);

        d.result("job-1", 1, TriggerOutcome.OK, T0.plusSeconds(3));
        assertThat(d.latestSnapshots()).as("nothing published").doesNotContainKey("job-1");
    }

    @Test
    @DisplayName("given a trigger without a result, when retriggered before the timeout, then refused; after it, a new generation")
    void triggeringCanBeRetriggeredAfterTheResultTimeout() {
        d.create("job-1", "b1");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(1));
        assertThat(d.triggers.readValuesToList()).extracting(TriggerCommand::triggerId).containsExactly("job-1:1");

        d.command(CommandType.RETRIGGER, "job-1", T0.plus(Duration.ofMinutes(29)));
        JobEvent refused = lastEvent();
        assertThat(refused.type()).isEqualTo(EventType.COMMAND_REJECTED);
        assertThat(refused.message()).contains("30 min");

        Instant later = T0.plus(Duration.ofMinutes(31));
        d.command(CommandType.RETRIGGER, "job-1", later);
        assertThat(d.triggers.readValuesToList()).extracting(TriggerCommand::triggerId).containsExactly("job-1:2");
        d.result("job-1", 1, TriggerOutcome.OK, later.plusSeconds(1));
        d.result("job-1", 2, TriggerOutcome.REFUSED, later.plusSeconds(2));
        assertThat(d.latestSnapshots().get("job-1").status()).as("refused is a failure").isEqualTo(JobStatus.TRIGGER_FAILED);
    }
}
