package dev.tecko.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Topics")
class TopicsTest {

    @Test
    @DisplayName("given the default prefix when the catalog is built then every topic is tecko.<name>, in catalog order")
    void givenDefaultPrefix_whenBuilt_thenTeckoNames() {
        assertThat(Topics.withDefaultPrefix().all()).extracting(Topic::name).containsExactly("tecko.job-commands", "tecko.batch-status",
                "tecko.job-status", "tecko.job-events", "tecko.triggers", "tecko.trigger-results", "tecko.delivery-status", "tecko.downstream-status",
                "tecko.webhook-handover", "tecko.batch-discovery", "tecko.secrets",
                "tecko.dlq");
    }

    @Test
    @DisplayName("given a custom or empty prefix when built then names carry it")
    void givenCustomPrefix_whenBuilt_thenPrefixed() {
        var topics = new Topics("acme-prod.");
        assertThat(topics.jobStatus().name()).isEqualTo("acme-prod.job-status");
        assertThat(topics.jobCommands().name()).isEqualTo("acme-prod.job-commands");
        assertThat(topics.batchStatus().name()).isEqualTo("acme-prod.batch-status");
        assertThat(topics.jobEvents().name()).isEqualTo("acme-prod.job-events");
        assertThat(topics.triggers().name()).isEqualTo("acme-prod.triggers");
        assertThat(topics.triggerResults().name()).isEqualTo("acme-prod.trigger-results");
        assertThat(topics.secrets().name()).isEqualTo("acme-prod.secrets");
        assertThat(topics.dlq().name()).isEqualTo("acme-prod.dlq");
        assertThat(new Topics("").triggers().name()).isEqualTo("triggers");
    }

    @Test
    @DisplayName("given an illegal prefix when built then the message says what is allowed and shows the value")
    void givenIllegalPrefix_whenBuilt_thenClearMessage() {
        assertThatThrownBy(() -> new Topics("tecko/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic prefix must be up to 200 characters of [A-Za-z0-9._-], got 'tecko/'");
        assertThatThrownBy(() -> new Topics(null)).hasMessageEndingWith("got 'null'");
        assertThatThrownBy(() -> new Topics("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("given the catalog when flags are read then job-status and secrets are compacted and secrets and dlq are not job-keyed")
    void givenCatalog_whenFlagsRead_thenCompactedAndKeyed() {
        Map<String, Boolean> compacted = Topics.withDefaultPrefix().all().stream().collect(Collectors.toMap(Topic::name, Topic::compacted));
        assertThat(compacted).containsEntry("tecko.job-status", true).containsEntry("tecko.secrets", true)
                .containsEntry("tecko.job-commands", false).containsEntry("tecko.batch-status", false).containsEntry("tecko.job-events", false)
                .containsEntry("tecko.triggers", false).containsEntry("tecko.trigger-results", false).containsEntry("tecko.dlq", false);
        assertThat(Topics.withDefaultPrefix().all()).filteredOn(t -> !t.jobKeyed()).extracting(Topic::name)
                .containsExactly("tecko.secrets", "tecko.dlq");
        assertThat(Topics.withDefaultPrefix().all()).allSatisfy(t -> assertThat(t.description()).isNotBlank());
    }

    @Test
    @DisplayName("given a failure when DLQ headers are written then they name exception, message, source and can be read back")
    void givenFailure_whenDlqHeadersWritten_thenReadable() {
        var headers = DlqHeaders.describe(new RecordHeaders(), "tecko.job-commands", 3, 42L, new IllegalStateException("jobId: is required"));
        assertThat(DlqHeaders.read(headers, DlqHeaders.EXCEPTION)).isEqualTo("java.lang.IllegalStateException");
        assertThat(DlqHeaders.read(headers, DlqHeaders.MESSAGE)).isEqualTo("jobId: is required");
        assertThat(DlqHeaders.read(headers, DlqHeaders.TOPIC)).isEqualTo("tecko.job-commands");
        assertThat(DlqHeaders.read(headers, DlqHeaders.PARTITION)).isEqualTo("3");
        assertThat(DlqHeaders.read(headers, DlqHeaders.OFFSET)).isEqualTo("42");
        assertThat(DlqHeaders.read(headers, DlqHeaders.STACKTRACE)).contains("IllegalStateException");
        assertThat(DlqHeaders.read(headers, "absent")).isNull();
    }
}
