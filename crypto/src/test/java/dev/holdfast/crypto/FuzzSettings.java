package dev.holdfast.crypto;

/** Settings shared by the fuzz tests of this package. */
final class FuzzSettings {
    /**
     * Upper bound of one fuzzing run of one target (JAZZER_FUZZ set). fuzz/run.sh passes its
     * own, shorter limit; in a normal build the targets replay their seeds only.
     */
    static final String MAX_DURATION = "8h";

    private FuzzSettings() {
    }
}
