package dev.tecko.observability.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void givenAConsumerThatHasNotJoinedItsGroup_whenReadinessIsAsked_thenItIsDownNamingThatCheck() {
        var membership = new GroupMembership("kafka_consumer");
        var readiness = new Readiness().add(always(true)).add(membership);

        var report = readiness.report();

        assertThat(report.up()).isFalse();
        assertThat(report.failing()).containsExactly("kafka_consumer");
    }

    @Test
    void givenAnEmptyAssignment_whenReadinessIsAsked_thenTheInstanceIsReadyAsAStandby() {
        var membership = new GroupMembership("kafka_consumer");
        membership.assigned(List.of());

        assertThat(new Readiness().add(membership).report().up()).isTrue();
        assertThat(membership.check().detail()).contains("0 partition(s)");
    }

    @Test
    void givenAssignedPartitions_whenTheyAreLost_thenTheConsumerIsNoLongerReady() {
        var membership = new GroupMembership("kafka_consumer");
        membership.assigned(List.of("p0", "p1"));
        membership.revoked(List.of("p1"));
        assertThat(membership.check().detail()).contains("1 partition(s)");

        membership.left();

        assertThat(membership.check().up()).isFalse();
    }

    @Test
    void givenACheckThatThrows_whenReadinessIsAsked_thenItCountsAsFailingWithTheError() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CheckResult check() {
                throw new IllegalStateException("boom");
            }
        };

        var report = new Readiness().add(broken).report();

        assertThat(report.failing()).containsExactly("broken");
        assertThat(report.checks().get("broken").detail()).contains("boom");
    }

    private static HealthCheck always(boolean up) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public CheckResult check() {
                return new CheckResult(up, "fixed");
            }
        };
    }
}
