package dev.holdfast.repository.engine;

import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.posix.FileType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The committed repository written by format version 1, under
 * {@code src/test/resources/format-v1/}, and the line format of its {@code expected.txt}: one
 * entry per line, tab-separated path (in {@link PathNames#display} form), type, size, mode in
 * octal, modification time, link count, SHA-256 of the content and link target, "-" where a
 * column does not apply. Lines starting with '#' are comments.
 */
final class FormatV1Fixture {
    static final String RESOURCE = "/format-v1";
    static final String HEADER = "# path\ttype\tsize\tmode\tmtime\tlinks\tsha256\ttarget";

    private FormatV1Fixture() {
    }

    /** Returns the folder of the fixture among the test resources. */
    static Path root() throws Exception {
        return Path.of(FormatV1Fixture.class.getResource(RESOURCE).toURI());
    }

    /**
     * Copies the fixture repository into {@code folder} and opens the copy with the fixture's
     * passphrase. Tests work on a copy because opening a repository writes locks.
     */
    static Repository openCopy(Path folder) throws Exception {
        Path from = root().resolve("repository");
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, folder.resolve(from.relativize(path).toString()));
            }
        }
        String passphrase = Files.readString(root().resolve("passphrase.txt")).strip();
        return Repository.open(TestRepositories.provider(folder), passphrase.toCharArray());
    }

    /** Returns the expected.txt line of one entry of a listing, below the snapshot root. */
    static String line(String path, TreeListing.Facts facts) {
        boolean file = facts.type() == FileType.REGULAR;
        return String.join("\t", path, facts.type().name().toLowerCase(Locale.ROOT),
                file || facts.type() == FileType.SYMLINK ? Long.toString(facts.size()) : "-",
                facts.type() == FileType.SYMLINK ? "-" : String.format("%04o", facts.mode()),
                facts.mtimeSeconds() + "." + String.format("%09d", facts.mtimeNanos()),
                file ? Long.toString(facts.links()) : "-", file ? facts.sha256() : "-",
                facts.linkTarget() == null ? "-" : facts.linkTarget());
    }
}
