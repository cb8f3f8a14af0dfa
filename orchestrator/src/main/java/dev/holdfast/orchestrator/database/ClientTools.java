package dev.holdfast.orchestrator.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The client programs of one engine, found in one folder: the configured tools folder, or
 * else the first folder on {@code PATH} (then, for PostgreSQL, {@code
 * /usr/lib/postgresql/<version>/bin}, newest first) that holds all of them. For PostgreSQL
 * the folder's pg_dump must be at least as new as the server's major version, because an
 * older pg_dump refuses to dump a newer server.
 */
public final class ClientTools {
    private static final Path DEBIAN_POSTGRES = Path.of("/usr/lib/postgresql");

    private final DatabaseKind kind;
    private final Map<ClientTool, Path> paths;
    private final String dumpToolVersion;

    private ClientTools(DatabaseKind kind, Map<ClientTool, Path> paths, String version) {
        this.kind = kind;
        this.paths = paths;
        this.dumpToolVersion = version;
    }

    /**
     * Finds the tools for the server of {@code settings}, whose version it reads over JDBC.
     *
     * @throws DatabaseException when a tool is missing or too old; the message names the
     *     tool, the version found, the version needed and the folders searched
     */
    public static ClientTools locate(ConnectionSettings settings) throws DatabaseException {
        int serverVersionNum = settings.kind() == DatabaseKind.POSTGRESQL
                ? postgresVersionNum(settings) : 0;
        return locate(settings.kind(), settings.toolsFolder(), serverVersionNum, searchPath());
    }

    /**
     * Finds the tools of {@code kind} for a server of {@code serverVersionNum} (PostgreSQL's
     * server_version_num, ignored for MariaDB) in {@code folder} or else in {@code path}.
     */
    static ClientTools locate(DatabaseKind kind, Optional<Path> folder, int serverVersionNum,
            List<Path> path) throws DatabaseException {
        if (folder.isPresent()) {
            return inFolder(kind, folder.get(), serverVersionNum, true);
        }
        List<Path> candidates = new ArrayList<>(path);
        if (kind == DatabaseKind.POSTGRESQL) {
            candidates.addAll(debianPostgresFolders());
        }
        return firstSuitable(kind, candidates, serverVersionNum);
    }

    /** Returns the program file of {@code tool}. */
    public Path path(ClientTool tool) {
        Path path = paths.get(tool);
        if (path == null) {
            throw new IllegalArgumentException(tool.programName() + " is a tool of "
                    + tool.kind().id() + ", not of " + kind.id());
        }
        return path;
    }

    /** Returns the version of the dump tool, like "15.20" or "10.11.19". */
    public String dumpToolVersion() {
        return dumpToolVersion;
    }

    /** Returns the file name of the dump tool, like "pg_dump" or "mysqldump". */
    public String dumpToolName() {
        ClientTool dump = kind == DatabaseKind.POSTGRESQL ? ClientTool.PG_DUMP
                : ClientTool.MARIADB_DUMP;
        return path(dump).getFileName().toString();
    }

    private static ClientTools firstSuitable(DatabaseKind kind, List<Path> candidates,
            int serverVersionNum) throws DatabaseException {
        DatabaseException tooOld = null;
        for (Path candidate : candidates) {
            if (!holdsAll(kind, candidate)) {
                continue;
            }
            try {
                return inFolder(kind, candidate, serverVersionNum, false);
            } catch (DatabaseException e) {
                tooOld = tooOld == null ? e : tooOld;
            }
        }
        if (tooOld != null) {
            throw new DatabaseException(tooOld.getMessage() + " (searched " + names(candidates)
                    + ")");
        }
        throw new DatabaseException(missingMessage(kind, candidates));
    }

    private static String missingMessage(DatabaseKind kind, List<Path> candidates) {
        List<String> missing = new ArrayList<>();
        for (ClientTool tool : ClientTool.of(kind)) {
            if (candidates.stream().noneMatch(folder -> find(tool, folder).isPresent())) {
                missing.add(String.join(" or ", tool.names()));
            }
        }
        String what = missing.isEmpty() ? "no folder holds all of "
                + ClientTool.of(kind).stream().map(ClientTool::programName).toList()
                : String.join(", ", missing) + " not found";
        return what + " (searched " + names(candidates) + "): install the " + engine(kind)
                + " client tools or set tools: in the source";
    }

    private static ClientTools inFolder(DatabaseKind kind, Path folder, int serverVersionNum,
            boolean configured) throws DatabaseException {
        Map<ClientTool, Path> paths = new EnumMap<>(ClientTool.class);
        for (ClientTool tool : ClientTool.of(kind)) {
            Optional<Path> found = find(tool, folder);
            if (found.isEmpty()) {
                throw new DatabaseException(String.join(" or ", tool.names())
                        + " not found in the tools folder \"" + folder + "\""
                        + (configured ? " (the source's tools key)" : "")
                        + (Files.isDirectory(folder) ? "" : ", which does not exist")
                        + ": install the " + engine(kind) + " client tools there or point "
                        + "tools: at the folder that holds them");
            }
            paths.put(tool, found.get());
        }
        String version = kind == DatabaseKind.POSTGRESQL
                ? checkPostgres(paths.get(ClientTool.PG_DUMP), serverVersionNum)
                : ToolVersions.mariadbToolVersion(
                        ToolVersions.versionOutput(paths.get(ClientTool.MARIADB_DUMP)));
        return new ClientTools(kind, Map.copyOf(paths), version);
    }

    private static String checkPostgres(Path pgDump, int serverVersionNum)
            throws DatabaseException {
        String version = ToolVersions.postgresToolVersion(pgDump,
                ToolVersions.versionOutput(pgDump));
        int toolKey = ToolVersions.postgresMajorKey(version);
        int serverKey = ToolVersions.serverMajorKey(serverVersionNum);
        if (toolKey < serverKey) {
            String needed = ToolVersions.majorName(serverKey);
            throw new DatabaseException("pg_dump " + version + " (\"" + pgDump + "\") cannot "
                    + "dump a PostgreSQL " + needed + " server: install PostgreSQL " + needed
                    + " client tools or set tools: in the source");
        }
        return version;
    }

    private static boolean holdsAll(DatabaseKind kind, Path folder) {
        return ClientTool.of(kind).stream().allMatch(tool -> find(tool, folder).isPresent());
    }

    private static Optional<Path> find(ClientTool tool, Path folder) {
        return tool.names().stream().map(folder::resolve)
                .filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
    }

    private static List<Path> searchPath() {
        String path = System.getenv("PATH");
        if (path == null || path.isEmpty()) {
            return List.of();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(entry -> !entry.isEmpty())
                .map(Path::of).toList();
    }

    /** Returns Debian's per-version folders, newest first. */
    private static List<Path> debianPostgresFolders() {
        if (!Files.isDirectory(DEBIAN_POSTGRES)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_POSTGRES)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingInt((Path v) -> ToolVersions.postgresMajorKey(
                            v.getFileName().toString())).reversed())
                    .map(v -> v.resolve("bin")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int postgresVersionNum(ConnectionSettings settings)
            throws DatabaseException {
        try (Connection connection = Jdbc.connect(settings);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW server_version_num")) {
            row.next();
            return Integer.parseInt(row.getString(1));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read the server version of " + settings, settings, e);
        }
    }

    private static String names(List<Path> folders) {
        return folders.isEmpty() ? "no folder: PATH is empty"
                : String.join(", ", folders.stream().map(Path::toString).toList());
    }

    static String engine(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? "PostgreSQL" : "MariaDB";
    }
}
