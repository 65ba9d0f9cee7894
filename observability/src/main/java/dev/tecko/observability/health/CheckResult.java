package dev.tecko.observability.health;

/** Whether a check passed, and a line saying why, for the operator reading the probe's body. */
public record CheckResult(boolean up, String detail) {
    public static CheckResult up(String detail) {
        return new CheckResult(true, detail);
    }

    public static CheckResult down(String detail) {
        return new CheckResult(false, detail);
    }
}
