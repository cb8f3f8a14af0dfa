package dev.holdfast.scheduler;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a trigger does about fire times it missed while no scheduler ran, or while every worker
 * thread was busy, for longer than the misfire threshold.
 */
public enum MisfirePolicy {
    /** Run the job once as soon as the scheduler notices, however many fire times it missed. */
    RUN_ONCE("run-once"),
    /** Run nothing for the missed fire times and wait for the next one. */
    SKIP("skip");

    private final String configName;

    MisfirePolicy(String configName) {
        this.configName = configName;
    }

    /** Returns the name used in configuration files, such as {@code run-once}. */
    public String configName() {
        return configName;
    }

    /** Returns the policy with this configuration name, if there is one. */
    public static Optional<MisfirePolicy> fromConfigName(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return configName;
    }
}
