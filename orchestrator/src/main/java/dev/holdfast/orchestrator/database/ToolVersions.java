package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versions of client tools and servers. PostgreSQL majors are compared as keys: 100 times
 * the major from version 10 on ({@code 15} is 1500) and 100 times the first number plus the
 * second before it ({@code 9.6} is 906), because both numbers made the major until 9.6.
 */
final class ToolVersions {
    private static final Pattern POSTGRES =
            Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    private static final Pattern MARIADB_DISTRIB = Pattern.compile("Distrib (\\d+[.\\d]*)");
    private static final Pattern MARIADB_VER = Pattern.compile("Ver (\\d+[.\\d]*)");
    private static final long VERSION_TIMEOUT_SECONDS = 30;

    private ToolVersions() {
    }

    /** Returns the first line that {@code tool --version} prints. */
    static String versionOutput(Path tool) throws DatabaseException {
        try {
            Process process = new ProcessBuilder(tool.toString(), "--version")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readNBytes(4096);
            }
            if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DatabaseException("\"" + tool + " --version\" did not finish within "
                        + VERSION_TIMEOUT_SECONDS + " s: check that the program works");
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            return text.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new DatabaseException("cannot run \"" + tool + " --version\": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while running \"" + tool
                    + " --version\"", e);
        }
    }

    /** Returns the version in a PostgreSQL tool's {@code --version} line, like "15.20". */
    static String postgresToolVersion(Path tool, String line) throws DatabaseException {
        Matcher matcher = POSTGRES.matcher(line);
        if (!matcher.find()) {
            throw new DatabaseException("\"" + tool + " --version\" printed \"" + line
                    + "\", which names no PostgreSQL version: check that it is PostgreSQL's "
                    + tool.getFileName());
        }
        return matcher.group(2) == null ? matcher.group(1)
                : matcher.group(1) + "." + matcher.group(2);
    }

    /** Returns the major key of a PostgreSQL tool version such as "15.20" or "9.6.24". */
    static int postgresMajorKey(String version) {
        String[] parts = version.split("\\.");
        int first = Integer.parseInt(parts[0]);
        if (first >= 10) {
            return first * 100;
        }
        int second = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return first * 100 + second;
    }

    /** Returns the major key of a server's {@code server_version_num}, like 150020. */
    static int serverMajorKey(int serverVersionNum) {
        if (serverVersionNum >= 100000) {
            return serverVersionNum / 10000 * 100;
        }
        return serverVersionNum / 100;
    }

    /** Returns a major key as PostgreSQL writes it: "16" or "9.6". */
    static String majorName(int key) {
        return key >= 1000 ? Integer.toString(key / 100) : key / 100 + "." + key % 100;
    }

    /** Returns the server version in a MariaDB or MySQL tool's {@code --version} line. */
    static String mariadbToolVersion(String line) {
        for (Pattern pattern : List.of(MARIADB_DISTRIB, MARIADB_VER)) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return line.isBlank() ? "unknown" : line;
    }
}
