package dev.tecko.api.jobs;

import static dev.tecko.api.jobs.JobRequestsTest.assertErrors;
import static dev.tecko.api.jobs.JobRequestsTest.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.api.http.FieldError;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A create request that finds its batches by their tag: {@code batchTag}, {@code tagSince}, {@code sealAt}, {@code expectedBatches}. */
class JobRequestsTagTest {
    private static final String BASE = "\"name\":\"n\",\"openaiSecret\":\"o\",\"keboolaSecret\":\"kbc\","
            + "\"keboolaStackUrl\":\"https://connection.keboola.com\",\"keboolaComponentId\":\"c\",\"keboolaConfigId\":\"1\"";
    private final JobRequests requests = new JobRequests(new TargetAllowList(List.of(), false), 3);

    @Test
    void givenATagObjectAndNoBatchIds_whenCreated_thenTheSpecCarriesTheTagAndItsSettingsAndNoBatch() {
        var create = requests.create(body("{" + BASE + ",\"batchTag\":{\"key\":\"run\",\"value\":\"nightly-2026-12-04\"},"
                + "\"tagSince\":\"2026-12-04T00:00:00Z\",\"sealAt\":\"2026-12-04T03:00:00Z\",\"expectedBatches\":3}"));

        assertThat(create.spec().batchTag()).isEqualTo(new BatchTag("run", "nightly-2026-12-04"));
        assertThat(create.spec().batchIds()).isEmpty();
        assertThat(create.spec().tagSince()).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(create.spec().sealAt()).isEqualTo(Instant.parse("2026-12-04T03:00:00Z"));
        assertThat(create.spec().expectedBatches()).isEqualTo(3);
    }

    @Test
    void givenTheTagAsKeyEqualsValueAndNamedBatchesOrAnEmptyList_whenCreated_thenBothFormsAreTheSameTag() {
        var named = requests.create(body("{" + BASE + ",\"batchTag\":\"run=a=b\",\"batchIds\":[\"b1\"]}"));
        var empty = requests.create(body("{" + BASE + ",\"batchTag\":\"run=a=b\",\"batchIds\":[]}"));

        assertThat(named.spec().batchTag()).as("the value may hold '='").isEqualTo(new BatchTag("run", "a=b"));
        assertThat(named.spec().batchIds()).containsExactly("b1");
        assertThat(empty.spec().batchIds()).isEmpty();
    }

    @Test
    void givenNeitherBatchIdsNorATag_whenCreated_thenBatchIdsIsNamed() {
        assertErrors(() -> requests.create(body("{" + BASE + "}")),
                new FieldError("batchIds", "is required (or a batchTag to find the batches by)"));
        assertErrors(() -> requests.create(body("{" + BASE + ",\"batchIds\":[]}")),
                new FieldError("batchIds", "must hold 1 to 3 entries, got 0"));
    }

    @Test
    void givenTagFieldsAtFault_whenCreated_thenOneProblemNamesEachPart() {
        assertErrors(() -> requests.create(body("{" + BASE + ",\"batchTag\":{\"key\":\"" + "k".repeat(65) + "\",\"value\":\"\","
                        + "\"colour\":1},\"expectedBatches\":0,\"tagSince\":\"yesterday\"}")),
                new FieldError("batchTag.key", "must be at most 64 characters"),
                new FieldError("batchTag.value", "must not be blank"),
                new FieldError("batchTag.colour", "is not a known field"),
                new FieldError("tagSince", "must be an ISO-8601 UTC instant such as 2026-11-21T10:15:30Z"),
                new FieldError("expectedBatches", "must be between 1 and 3"));
        assertErrors(() -> requests.create(body("{" + BASE + ",\"batchTag\":\"run=" + "v".repeat(513) + "\"}")),
                new FieldError("batchTag.value", "must be at most 512 characters"));
        assertErrors(() -> requests.create(body("{" + BASE + ",\"batchTag\":\"=nightly\"}")),
                new FieldError("batchTag", "must be key=value (e.g. run=nightly-2026-12-04) or an object {\"key\": …, \"value\": …}"));
        assertErrors(() -> requests.create(body("{" + BASE + ",\"batchTag\":7}")),
                new FieldError("batchTag", "must be an object {\"key\": …, \"value\": …} or a string key=value"));
    }

    @Test
    void givenTagSettingsWithoutATag_whenCreated_thenEachIsNamed() {
        assertErrors(() -> requests.create(body("{" + BASE + ",\"batchIds\":[\"b1\"],\"tagSince\":\"2026-12-04T00:00:00Z\","
                        + "\"sealAt\":\"2026-12-04T03:00:00Z\",\"expectedBatches\":2}")),
                new FieldError("tagSince", "only applies to a job with a batchTag"),
                new FieldError("sealAt", "only applies to a job with a batchTag"),
                new FieldError("expectedBatches", "only applies to a job with a batchTag"));
    }

    @Test
    void givenATaggedJobWithNoBatchYet_whenUpdated_thenOtherSettingsChangeAndTheTagCannot() {
        assertThat(requests.update(body("{\"name\":\"renamed\"}"), taggedJob()).name()).isEqualTo("renamed");

        assertErrors(() -> requests.update(body("{\"batchTag\":\"run=other\",\"sealAt\":\"2026-12-04T03:00:00Z\"}"), taggedJob()),
                new FieldError("batchTag", "cannot change after the job is created"),
                new FieldError("sealAt", "cannot change after the job is created"));
    }

    private static JobSnapshot taggedJob() {
        Instant created = Instant.parse("2026-12-04T00:00:00Z");
        return new JobSnapshot(1, "j", "name", JobStatus.ACTIVE, 1, List.of(), null, "o",
                TriggerTarget.keboola("https://connection.keboola.com", "comp", "1", "kbc"), 120, null, null, null, null, null,
                created, created, null, 1, null, null, null, null, null, null,
                BatchSearch.open(new BatchTag("run", "nightly"), created, null, null));
    }
}
