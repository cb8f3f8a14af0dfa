package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One PostgreSQL installation's binaries folder and its version.
 *
 * @param folder the folder with initdb, pg_ctl, postgres, psql, pg_dump and pg_restore
 * @param version the version that {@code pg_ctl --version} prints, such as {@code 15.13}
 */
record PostgresBinaries(Path folder, String version) {
    private static final List<String> NEEDED = List.of("initdb", "pg_ctl", "postgres", "psql");
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+(?:\\.\\d+)*)");

    /**
     * Returns the binaries in {@code configured}, or when it is null the newest installation
     * found on {@code PATH} or under {@code /usr/lib/postgresql/<version>/bin}.
     */
    static PostgresBinaries find(Path configured) throws IOException {
        if (configured != null) {
            if (!complete(configured)) {
                throw new IOException("Folder '" + configured + "' lacks one of " + NEEDED
                        + "; point the binaries option at a PostgreSQL bin folder");
            }
            return new PostgresBinaries(configured, version(configured));
        }
        List<PostgresBinaries> found = new ArrayList<>();
        for (Path folder : candidates()) {
            found.add(new PostgresBinaries(folder, version(folder)));
        }
        return found.stream().max(Comparator.comparing(PostgresBinaries::versionNumbers,
                PostgresBinaries::compareVersions)).orElseThrow(() -> new IOException(
                "No PostgreSQL installation with " + NEEDED + " on PATH or under '" + VERSIONS
                + "/<version>/bin'; install the PostgreSQL server package"));
    }

    private static Set<Path> candidates() throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        for (String entry : path == null ? new String[0] : path.split(":")) {
            Path initdb = Path.of(entry.isEmpty() ? "." : entry, "initdb");
            if (Files.isExecutable(initdb)) {
                // /usr/local/bin/initdb may link into a versioned folder that holds the rest.
                Path real = initdb.toRealPath().getParent();
                if (complete(real)) {
                    folders.add(real);
                }
            }
        }
        if (Files.isDirectory(VERSIONS)) {
            try (Stream<Path> versions = Files.list(VERSIONS)) {
                versions.map(v -> v.resolve("bin")).filter(PostgresBinaries::complete)
                        .map(PostgresBinaries::real).forEach(folders::add);
            }
        }
        return folders;
    }

    private static boolean complete(Path folder) {
        return NEEDED.stream().allMatch(name -> Files.isExecutable(folder.resolve(name)));
    }

    private static Path real(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }

    private static String version(Path folder) throws IOException {
        String output = Processes.run(List.of(folder.resolve("pg_ctl").toString(), "--version"),
                folder, Map.of(), null, Duration.ofSeconds(30), List.of());
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new IOException("'" + folder.resolve("pg_ctl") + " --version' printed no"
                    + " PostgreSQL version: " + Processes.tail(output));
        }
        return matcher.group(1);
    }

    private List<Integer> versionNumbers() {
        return Stream.of(version.split("\\.")).map(Integer::valueOf).toList();
    }

    private static int compareVersions(List<Integer> left, List<Integer> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = Integer.compare(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }
}
