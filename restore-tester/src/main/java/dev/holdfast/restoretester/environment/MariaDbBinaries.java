package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MariaDB programs an {@link EphemeralMariaDb} runs. Debian keeps the server in
 * {@code /usr/sbin} and the rest in {@code /usr/bin}, so each is looked up on its own.
 *
 * @param server {@code mariadbd}
 * @param installDb {@code mariadb-install-db}
 * @param client {@code mariadb}, whose folder also holds {@code mariadb-dump}
 * @param version the version that {@code mariadbd --version} prints, such as {@code 10.11.19}
 */
record MariaDbBinaries(Path server, Path installDb, Path client, String version) {
    private static final List<Path> USUAL = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"),
            Path.of("/usr/local/bin"), Path.of("/usr/local/mysql/bin"));
    private static final Pattern VERSION = Pattern.compile("Ver (\\d+(?:\\.\\d+)*)");

    /** Finds the programs in {@code configured} (if not null), on PATH, then the usual places. */
    static MariaDbBinaries find(Path configured) throws IOException {
        List<Path> folders = new ArrayList<>();
        if (configured != null) {
            folders.add(configured);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                folders.add(Path.of(entry.isEmpty() ? "." : entry));
            }
        }
        folders.addAll(USUAL);
        Path server = locate("mariadbd", folders);
        return new MariaDbBinaries(server, locate("mariadb-install-db", folders),
                locate("mariadb", folders), version(server));
    }

    private static Path locate(String program, List<Path> folders) throws IOException {
        for (Path folder : folders) {
            Path candidate = folder.resolve(program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IOException("MariaDB program '" + program + "' is not in " + folders
                + "; install the MariaDB server and client packages or set the binaries option");
    }

    private static String version(Path server) throws IOException {
        String output = Processes.run(List.of(server.toString(), "--version"),
                server.getParent(), Map.of(), null, Duration.ofSeconds(30), List.of());
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new IOException("'" + server + " --version' printed no version: "
                    + Processes.tail(output));
        }
        return matcher.group(1);
    }
}
