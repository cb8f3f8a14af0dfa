package dev.holdfast.restoretester;

/** Where a restore test runs the throwaway server of a database snapshot. */
public enum DatabaseEnvironment {
    /** A server made with the server binaries installed on this machine. */
    LOCAL("local"),
    /** A container of an image from {@link DatabaseImages}, run by a Docker engine. */
    CONTAINER("container");

    private final String configName;

    DatabaseEnvironment(String configName) {
        this.configName = configName;
    }

    /** Returns the name used in configuration files, {@code local} or {@code container}. */
    public String configName() {
        return configName;
    }
}
