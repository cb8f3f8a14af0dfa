/**
 * Throwaway environments for restore tests. An <em>environment</em> is something made for one
 * test and destroyed after it: a {@link TemporaryDirectory}, an {@link EphemeralPostgres}
 * cluster, an {@link EphemeralMariaDb} server or a {@link ContainerEnvironment}, each with a
 * fresh folder, and the servers with a random loopback port and a random superuser password.
 *
 * <p>Every environment writes a <em>marker</em> into a <em>state folder</em> while it exists:
 * the owning JVM's PID and start time, the environment's folder, and the server's PID and
 * command line. A JVM that dies before {@code close()} leaves its markers behind, and
 * {@link Leftovers#sweep} removes what they name at the next start.
 *
 * <p>Servers are started from the binaries installed on the machine. When the JVM runs as root,
 * PostgreSQL runs as the {@code postgres} OS account (it refuses root) and MariaDB as
 * {@code mysql}, in folders that those accounts own; the parent folder must be searchable by
 * them. Passwords never appear in command-line arguments, log lines or exception messages.
 */
package dev.holdfast.restoretester.environment;
