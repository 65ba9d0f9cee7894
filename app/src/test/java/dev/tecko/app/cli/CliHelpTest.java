package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every command explains itself without a token or a running API. */
class CliHelpTest {
    @ParameterizedTest(name = "tecko {0} --help")
    @CsvSource(delimiter = '|', value = {
            "''|job secret",
            "job|create list show pause resume cancel retrigger seal delete",
            "job create|--name --batch-id --openai-secret --keboola-secret --keboola-stack --component-id --config-id --branch-id "
                    + "--config-row-id --webhook-url --webhook-secret --poll-interval --min-poll-interval --max-poll-interval "
                    + "--trigger-policy --min-completed-ratio --deadline --paused --id --json --api-url --batch-tag --tag-since --seal-at "
                    + "--expected-batches",
            "job list|--status -q --query --limit --all --json --api-url",
            "job show|JOB_ID --events --json --api-url",
            "job pause|JOB_ID --json --api-url",
            "job resume|JOB_ID --json --api-url",
            "job cancel|JOB_ID --json --api-url",
            "job retrigger|JOB_ID --json --api-url",
            "job seal|JOB_ID --reason --json --api-url",
            "job delete|JOB_ID --yes --api-url",
            "secret|add list delete",
            "secret add|--name --type --base-url --json --api-url",
            "secret list|--json --api-url",
            "secret delete|NAME --yes --api-url"})
    void givenHelp_whenAskedOfACommand_thenItListsEveryOptionWithoutNeedingTheApi(String command, String expected) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");

        Cli.Run run = run(Map.of(), args);

        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
        for (String word : expected.split(" ")) {
            assertThat(run.out()).contains(word);
        }
    }
}
