package dev.holdfast.crypto;

/**
 * Cost settings of Argon2id, stored in each passphrase slot so that a slot opens with the
 * settings it was created with.
 *
 * <p>The constructor rejects memory below {@link #MIN_MEMORY_KIB}, because a slot stretched
 * with less would fall to a cheap guessing attack. Tests that need fast slots use
 * {@link #forTestsOnly()}; slots read from storage keep whatever cost they were written with, as
 * long as it is within the format's limits.
 *
 * @param memoryKiB memory in KiB, at least 8 per lane
 * @param iterations passes over the memory
 * @param parallelism lanes
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
    /** Smallest memory cost accepted for new slots: 8 MiB. */
    public static final int MIN_MEMORY_KIB = 8 * 1024;
    /** Largest memory cost a slot may ask for (4 GiB), so a hostile slot cannot exhaust memory. */
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    /** Largest number of passes a slot may ask for, so a hostile slot cannot stall an open. */
    public static final int MAX_ITERATIONS = 64;
    /** Largest number of lanes. */
    public static final int MAX_PARALLELISM = 16;

    // Declared before DEFAULT because the constructor reads it while DEFAULT is initialized.
    private static final ScopedValue<Boolean> BELOW_MINIMUM_ALLOWED = ScopedValue.newInstance();

    /** RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes. */
    public static final Argon2Parameters DEFAULT = new Argon2Parameters(64 * 1024, 3, 4);

    /**
     * Validates the costs.
     *
     * @throws IllegalArgumentException naming the value and its allowed range
     */
    public Argon2Parameters {
        requireInRange("parallelism", parallelism, 1, MAX_PARALLELISM);
        requireInRange("iterations", iterations, 1, MAX_ITERATIONS);
        int floor = 8 * parallelism;
        if (!BELOW_MINIMUM_ALLOWED.isBound()) {
            floor = Math.max(floor, MIN_MEMORY_KIB);
        }
        if (memoryKiB < floor) {
            throw new IllegalArgumentException("Argon2id memoryKiB " + memoryKiB
                    + " is below the minimum of " + floor + " KiB for " + parallelism
                    + " lanes; tests that need cheap slots use Argon2Parameters.forTestsOnly()");
        }
        requireInRange("memoryKiB", memoryKiB, floor, MAX_MEMORY_KIB);
    }

    /**
     * Returns cheap settings (256 KiB, 2 passes, 2 lanes) that make a slot in about a
     * millisecond. Never use them for a real repository: a passphrase stretched this little can
     * be guessed quickly.
     */
    public static Argon2Parameters forTestsOnly() {
        return ofStoredValues(256, 2, 2);
    }

    /**
     * Accepts settings read from a stored slot, which may be below today's minimum because an
     * older or test slot was written with them.
     */
    static Argon2Parameters ofStoredValues(int memoryKiB, int iterations, int parallelism) {
        return ScopedValue.where(BELOW_MINIMUM_ALLOWED, Boolean.TRUE)
                .call(() -> new Argon2Parameters(memoryKiB, iterations, parallelism));
    }

    private static void requireInRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Argon2id " + name + " " + value
                    + " is outside the allowed range " + min + " to " + max);
        }
    }
}
