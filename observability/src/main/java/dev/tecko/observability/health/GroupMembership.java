package dev.tecko.observability.health;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a runtime's consumer is a member of its group with an assignment: set from the consumer's rebalance listener.
 * An assignment may be empty (more instances than partitions): the instance is still ready, it is a standby for the
 * group. Not a member: before the first rebalance completed, after the partitions were lost, and once the consumer closes.
 */
public final class GroupMembership implements HealthCheck {
    private final String name;
    private final AtomicBoolean member = new AtomicBoolean();
    private final AtomicInteger partitions = new AtomicInteger();

    /** @param name the check's name, e.g. {@code kafka_consumer} */
    public GroupMembership(String name) {
        this.name = name;
    }

    public void assigned(Collection<?> added) {
        partitions.addAndGet(added.size());
        member.set(true);
    }

    public void revoked(Collection<?> removed) {
        partitions.addAndGet(-removed.size());
    }

    /** Partitions lost (the group moved on without us) or the consumer closed: not a member until the next assignment. */
    public void left() {
        partitions.set(0);
        member.set(false);
    }

    public boolean isMember() {
        return member.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckResult check() {
        return member.get()
                ? CheckResult.up("group member, " + Math.max(0, partitions.get()) + " partition(s) assigned")
                : CheckResult.down("not a member of the consumer group (starting, rebalancing after a loss, or Kafka unreachable)");
    }
}
