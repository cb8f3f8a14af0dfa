package dev.holdfast.restoretester;

/** The kind of throwaway server that a restore test restores a database snapshot into. */
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
