package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 0600 temporary file that hands the password to one client tool: a password file named by
 * {@code PGPASSFILE} for PostgreSQL tools, an option file named by {@code
 * --defaults-extra-file} for MariaDB tools. Closing it deletes the file.
 */
final class PasswordFile implements AutoCloseable {
    private static final String PREFIX = "holdfast-db-";
    private static final Pattern NAME = Pattern.compile(
            Pattern.quote(PREFIX) + "([0-9]+)-[0-9]+\\.cnf");
    private final DatabaseKind kind;
    private final Optional<Path> file;

    private PasswordFile(DatabaseKind kind, Optional<Path> file) {
        this.kind = kind;
        this.file = file;
    }

    /** Writes the password of {@code settings}, or nothing when it is empty. */
    static PasswordFile write(ConnectionSettings settings) throws IOException {
        char[] password = settings.password().get();
        try {
            if (password.length == 0) {
                return new PasswordFile(settings.kind(), Optional.empty());
            }
            sweepOrphans();
            Path file = Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-", ".cnf",
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeEntry(writer, settings.kind(), password);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return new PasswordFile(settings.kind(), Optional.of(file));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Deletes the password files of processes that are gone. A process killed while a tool ran
     * never deleted its file; the name carries its PID so that the next run can.
     */
    private static void sweepOrphans() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*.cnf")) {
            for (Path file : files) {
                Matcher matcher = NAME.matcher(file.getFileName().toString());
                if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1)))
                        .filter(ProcessHandle::isAlive).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Another user's file, or one deleted meanwhile: the next run tries again.
        }
    }

    private static void writeEntry(Writer writer, DatabaseKind kind, char[] password)
            throws IOException {
        if (kind == DatabaseKind.POSTGRESQL) {
            // libpq's password file: host:port:database:user:password, with \ and : escaped.
            writer.write("*:*:*:*:");
            writeEscaped(writer, password, ":\\", "");
        } else {
            // A quoted value in an option file, where \ and " are escaped with a backslash.
            writer.write("[client]\npassword=\"");
            writeEscaped(writer, password, "\"\\", "\"");
        }
        writer.write('\n');
    }

    private static void writeEscaped(Writer writer, char[] password, String special,
            String end) throws IOException {
        for (char c : password) {
            if (special.indexOf(c) >= 0) {
                writer.write('\\');
            }
            writer.write(c);
        }
        writer.write(end);
    }

    /** Returns the environment variables that point a PostgreSQL tool at the file. */
    Map<String, String> environment() {
        if (kind == DatabaseKind.POSTGRESQL && file.isPresent()) {
            return Map.of("PGPASSFILE", file.get().toString());
        }
        return Map.of();
    }

    /**
     * Returns the arguments that point a MariaDB tool at the file; the tools accept them only
     * as the first arguments.
     */
    List<String> leadingArguments() {
        if (kind == DatabaseKind.MARIADB && file.isPresent()) {
            return List.of("--defaults-extra-file=" + file.get());
        }
        return List.of();
    }

    @Override
    public void close() throws IOException {
        if (file.isPresent()) {
            Files.deleteIfExists(file.get());
        }
    }
}
