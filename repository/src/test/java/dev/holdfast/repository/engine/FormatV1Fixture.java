package dev.holdfast.repository.engine;

import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.posix.FileType;
import java.util.Locale;

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
