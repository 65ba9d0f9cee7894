package dev.tecko.bench.report;

/**
 * A promise a benchmark checks: {@code actual} against {@code threshold}, at most ({@code <=}) or at least ({@code >=}).
 * A target whose result was never measured (the bench stopped early) counts as missed.
 */
public record Target(String name, Comparison comparison, double threshold, Double actual) {

    public enum Comparison {
        AT_MOST("<="), AT_LEAST(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public static Target atMost(String name, double threshold, Double actual) {
        return new Target(name, Comparison.AT_MOST, threshold, actual);
    }

    public static Target atLeast(String name, double threshold, Double actual) {
        return new Target(name, Comparison.AT_LEAST, threshold, actual);
    }

    public boolean met() {
        if (actual == null || actual.isNaN()) {
            return false;
        }
        return comparison == Comparison.AT_MOST ? actual <= threshold : actual >= threshold;
    }
}
