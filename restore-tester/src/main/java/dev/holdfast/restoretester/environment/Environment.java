package dev.holdfast.restoretester.environment;

import java.io.IOException;

/**
 * A throwaway environment that a restore test made and that {@link #close()} destroys.
 */
public interface Environment extends AutoCloseable {
    /**
     * Returns a one-line description for reports: what the environment is, where it lives and
     * how to reach it. It never contains a password.
     */
    String describe();

    /**
     * Destroys everything the environment made: stops its server, deletes its folder and its
     * marker. Safe to call more than once and on an environment whose creation failed half-way.
     *
     * @throws IOException if something could not be removed; every step is still tried, and the
     *     marker stays so that {@link Leftovers#sweep} can try again later
     */
    @Override
    void close() throws IOException;
}
