package dev.holdfast.restoretester.environment;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link LeftoversTest}: it starts a PostgreSQL and a MariaDB environment in
 * the state folder given as its argument, prints {@code ready}, and waits to be killed.
 */
public final class CrashChild {
    /** Gives up after this long, so that a parent that died does not leave the child behind. */
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        EphemeralPostgres.start(PostgresOptions.defaults().withStateFolder(state));
        EphemeralMariaDb.start(MariaDbOptions.defaults().withStateFolder(state));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(LIFETIME);
    }
}
