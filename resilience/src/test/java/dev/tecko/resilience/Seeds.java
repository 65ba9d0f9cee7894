package dev.tecko.resilience;

/**
 * The seed of a test's randomness: {@code -Dtecko.resilience.seed=N} replays a run, otherwise a fresh one is drawn.
 * It is printed either way, so a failure can be replayed from its output.
 */
final class Seeds {
    static final String PROPERTY = "tecko.resilience.seed";

    private Seeds() {
    }

    static long seed(String test) {
        String given = System.getProperty(PROPERTY);
        long seed = given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.trim());
        System.out.printf("%s: seed %d (replay with -D%s=%d)%n", test, seed, PROPERTY, seed);
        return seed;
    }
}
