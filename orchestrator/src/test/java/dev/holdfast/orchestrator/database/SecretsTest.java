package dev.holdfast.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Password files for the client tools, and the removal of passwords from messages. */
class SecretsTest {
    private static final String PASSWORD = "p:w\\\"d'x y";

    @Test
    void postgresFile_isPrivateEscapedAndDeleted() throws Exception {
        PasswordFile file = PasswordFile.write(settings(DatabaseKind.POSTGRESQL, PASSWORD));
        Path path = Path.of(file.environment().get("PGPASSFILE"));

        assertThat(Files.getPosixFilePermissions(path))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(path)).isEqualTo("*:*:*:*:p\\:w\\\\\"d'x y\n");
        assertThat(file.leadingArguments()).isEmpty();
        file.close();
        assertThat(path).doesNotExist();
    }

    @Test
    void mariadbFile_readBackByMyPrintDefaults() throws Exception {
        PasswordFile file = PasswordFile.write(settings(DatabaseKind.MARIADB, PASSWORD));
        String argument = file.leadingArguments().getFirst();
        Process process = new ProcessBuilder("my_print_defaults", argument, "client")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isZero();
        assertThat(output.lines()).contains("--password=" + PASSWORD);
        file.close();
        assertThat(Path.of(argument.substring("--defaults-extra-file=".length())))
                .doesNotExist();
    }

    @Test
    void orphanOfDeadProcess_deletedAtNextWrite() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        Path orphan = java.nio.file.Files.writeString(folder.resolve("holdfast-db-"
                + gone.pid() + "-42.cnf"), "*:*:*:*:left-behind\n");
        Path live = java.nio.file.Files.writeString(folder.resolve("holdfast-db-"
                + ProcessHandle.current().pid() + "-43.cnf"), "*:*:*:*:in-use\n");
        try {
            PasswordFile.write(settings(DatabaseKind.POSTGRESQL, PASSWORD)).close();

            assertThat(orphan).doesNotExist();
            assertThat(live).exists();
        } finally {
            java.nio.file.Files.deleteIfExists(orphan);
            java.nio.file.Files.deleteIfExists(live);
        }
    }

    @Test
    void emptyPassword_writesNoFile() throws Exception {
        try (PasswordFile file = PasswordFile.write(settings(DatabaseKind.MARIADB, ""))) {
            assertThat(file.leadingArguments()).isEmpty();
            assertThat(file.environment()).isEmpty();
        }
    }

    @Test
    void scrub_removesPasswordAndAssignments() {
        String text = "FATAL: bad login p:w\\\"d'x y; retry with password=other1 or "
                + "PWD: 'quoted secret'";

        String scrubbed = Scrubber.scrub(text, PASSWORD::toCharArray);

        assertThat(scrubbed).isEqualTo("FATAL: bad login ***; retry with password=*** or "
                + "PWD: ***");
    }

    @Test
    void pgRestoreErrors_harmlessCommentPasses() {
        PgRestoreErrors errors = new PgRestoreErrors(false);
        List.of("pg_restore: error: could not execute query: ERROR:  must be owner of "
                        + "extension plpgsql",
                "Command was: COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';",
                "", "pg_restore: warning: errors ignored on restore: 1").forEach(errors);

        assertThat(errors.judge(1, true)).isEmpty();
        assertThat(errors.harmless()).hasSize(1);
    }

    @Test
    void pgRestoreErrors_realErrorFails() {
        PgRestoreErrors errors = new PgRestoreErrors(false);
        List.of("pg_restore: error: could not execute query: ERROR:  permission denied for "
                        + "schema public",
                "LINE 1: CREATE TABLE public.a (",
                "Command was: CREATE TABLE public.a (",
                "    g integer",
                ");",
                "pg_restore: error: could not execute query: ERROR:  must be owner of "
                        + "extension plpgsql",
                "Command was: COMMENT ON EXTENSION plpgsql IS 'x';",
                "pg_restore: warning: errors ignored on restore: 2").forEach(errors);

        assertThat(errors.judge(1, true)).startsWith("1 error(s), first: ERROR:  permission "
                + "denied for schema public (statement: CREATE TABLE public.a ( ...)");
    }

    @Test
    void pgRestoreErrors_countMismatchFails() {
        PgRestoreErrors errors = new PgRestoreErrors(false);
        errors.accept("pg_restore: warning: errors ignored on restore: 3");

        assertThat(errors.judge(1, true)).isEqualTo("exit status 1");
    }

    @Test
    void pgRestoreErrors_otherErrorFails() {
        PgRestoreErrors errors = new PgRestoreErrors(false);
        errors.accept("pg_restore: error: connection to server failed: FATAL:  no such db");

        assertThat(errors.judge(1, true)).contains("connection to server failed");
    }

    private static ConnectionSettings settings(DatabaseKind kind, String password) {
        return new ConnectionSettings(kind, "127.0.0.1", 1, "u", "d", password::toCharArray,
                Optional.empty());
    }
}
