package dev.holdfast.orchestrator.dbsource;

import dev.holdfast.orchestrator.config.DatabaseSourceConfig;
import dev.holdfast.orchestrator.database.ConnectionSettings;
import dev.holdfast.orchestrator.database.DatabaseException;
import dev.holdfast.orchestrator.database.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a configured source, or a URL given on the command line, into connection settings. */
public final class Connections {
    /** Environment variable with the password of a database named by URL. */
    public static final String PASSWORD_ENV = "HOLDFAST_DATABASE_PASSWORD";
    /** Environment variable naming a file with the password of a database named by URL. */
    public static final String PASSWORD_FILE_ENV = "HOLDFAST_DATABASE_PASSWORD_FILE";

    private Connections() {
    }

    /**
     * Returns the settings of {@code source}, connected to {@code database}. The password is
     * read from its variable or file on each connection, so a rotated password takes effect
     * without a restart.
     */
    public static ConnectionSettings of(String sourceName, DatabaseSourceConfig source,
            String database, Map<String, String> environment) {
        Supplier<char[]> password = password("source \"" + sourceName + "\"",
                source.passwordEnv(), source.passwordFile(), environment);
        return new ConnectionSettings(source.kind(), source.host(), source.port(),
                source.user(), database, password, source.tools());
    }

    /**
     * Returns the settings of a URL such as {@code postgresql://backup@db:5432/orders} or
     * {@code mariadb://root@127.0.0.1/shop}; the password comes from {@value #PASSWORD_ENV} or
     * the file that {@value #PASSWORD_FILE_ENV} names.
     */
    public static ConnectionSettings parse(String url, Optional<Path> tools,
            Map<String, String> environment) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid database URL \"" + redact(url) + "\": "
                    + e.getReason() + "; expected postgresql://USER@HOST:PORT/DATABASE");
        }
        DatabaseKind kind = kind(uri.getScheme(), url);
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || uri.getUserInfo() == null || database.isEmpty()) {
            throw new IllegalArgumentException("invalid database URL \"" + redact(url)
                    + "\": expected " + kind.id() + "://USER@HOST[:PORT]/DATABASE");
        }
        if (uri.getQuery() != null && uri.getQuery().toLowerCase(java.util.Locale.ROOT)
                .contains("password")) {
            throw new IllegalArgumentException("the database URL carries a password in its "
                    + "query: remove it and set " + PASSWORD_ENV + " or " + PASSWORD_FILE_ENV
                    + " instead");
        }
        if (database.contains("/")) {
            throw new IllegalArgumentException("invalid database name \"" + database
                    + "\" in the database URL: expected a name without '/'");
        }
        if (environment.containsKey(PASSWORD_ENV) && environment.containsKey(PASSWORD_FILE_ENV)) {
            throw new IllegalArgumentException("both " + PASSWORD_ENV + " and "
                    + PASSWORD_FILE_ENV + " are set: unset one of them");
        }
        if (uri.getUserInfo().contains(":")) {
            throw new IllegalArgumentException("the database URL carries a password: remove "
                    + "it and set " + PASSWORD_ENV + " or " + PASSWORD_FILE_ENV + " instead");
        }
        int port = uri.getPort() > 0 ? uri.getPort()
                : kind == DatabaseKind.POSTGRESQL ? 5432 : 3306;
        Supplier<char[]> password = password("the database URL",
                Optional.ofNullable(environment.get(PASSWORD_ENV)).map(v -> PASSWORD_ENV),
                Optional.ofNullable(environment.get(PASSWORD_FILE_ENV)).map(Path::of),
                environment);
        return new ConnectionSettings(kind, uri.getHost(), port, uri.getUserInfo(), database,
                password, tools);
    }

    private static DatabaseKind kind(String scheme, String url) {
        if ("postgresql".equals(scheme) || "postgres".equals(scheme)) {
            return DatabaseKind.POSTGRESQL;
        }
        if ("mariadb".equals(scheme) || "mysql".equals(scheme)) {
            return DatabaseKind.MARIADB;
        }
        throw new IllegalArgumentException("invalid database URL \"" + redact(url) + "\": "
                + "expected one that starts with postgresql:// or mariadb://");
    }

    /** Drops what may follow a ':' in the user part, which would be a password. */
    private static String redact(String url) {
        return url.replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
    }

    private static Supplier<char[]> password(String owner, Optional<String> variable,
            Optional<Path> file, Map<String, String> environment) {
        if (variable.isPresent()) {
            String name = variable.get();
            return () -> {
                String value = environment.get(name);
                if (value == null) {
                    throw new UncheckedIOException(new DatabaseException("environment variable "
                            + name + ", named by password-env of " + owner + ", is not set: "
                            + "set it to the database password"));
                }
                return value.toCharArray();
            };
        }
        if (file.isPresent()) {
            Path path = file.get();
            return () -> {
                try {
                    // A trailing newline, which editors add, is not part of the password.
                    return Files.readString(path, StandardCharsets.UTF_8).stripTrailing()
                            .toCharArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(new DatabaseException("cannot read the "
                            + "password file \"" + path + "\", named by password-file of "
                            + owner + ": " + (e instanceof java.nio.file.NoSuchFileException
                                    ? "no such file" : e.getClass().getSimpleName())));
                }
            };
        }
        return () -> new char[0];
    }
}
