package dev.tecko.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void givenAJobScope_whenWorkRunsInsideIt_thenTheIdsAreInTheMdcAndGoneAfterwards() {
        try (var scope = LogContext.job("job-1").batch("batch-1").trigger("job-1:1")) {
            assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("job-1");
            assertThat(MDC.get(LogContext.BATCH_ID)).isEqualTo("batch-1");
            assertThat(MDC.get(LogContext.TRIGGER_ID)).isEqualTo("job-1:1");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void givenAnOuterJobScope_whenAnInnerScopeForAnotherBatchCloses_thenTheOuterValuesAreBack() {
        try (var outer = LogContext.job("job-outer")) {
            try (var inner = LogContext.job("job-inner").batch("batch-inner")) {
                assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("job-inner");
            }
            assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("job-outer");
            assertThat(MDC.get(LogContext.BATCH_ID)).isNull();
        }
        assertThat(MDC.get(LogContext.JOB_ID)).isNull();
    }

    @Test
    void givenANullId_whenScoped_thenTheKeyIsAbsentRatherThanTheWordNull() {
        try (var scope = LogContext.job("job-1").batch(null)) {
            assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys(LogContext.JOB_ID);
        }
    }
}
