package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.PathNames;
import dev.holdfast.restoretester.EntryKind;
import dev.holdfast.restoretester.RecordedEntry;
import dev.holdfast.restoretester.RestoreProblem;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Turns a repository entry and its content into what the restore tester compares. */
final class Recorded {
    private static final int BUFFER = 64 * 1024;

    private Recorded() {
    }

    /**
     * Returns the recorded entry, with the SHA-256 of {@code content} for a regular file. A
     * content that cannot be read gives an entry without a hash and with the reason.
     */
    static RecordedEntry of(Entry entry, InputStream content) {
        String path = RepositoryRestorer.relative(entry);
        String hash = null;
        RestoreProblem problem = null;
        if (content != null) {
            try (content) {
                hash = sha256(content);
            } catch (IOException e) {
                problem = new RestoreProblem(path, String.valueOf(e.getMessage()),
                        Damage.isDamage(e), Damage.object(e));
            }
        }
        String link = entry.linkTarget() == null ? null : PathNames.display(entry.linkTarget());
        return new RecordedEntry(path, RepositoryRestorer.isUtf8(entry.path()),
                kind(entry), entry.size(), entry.mode(), entry.modified(), link, hash, problem);
    }

    private static EntryKind kind(Entry entry) {
        return switch (entry.type()) {
            case FILE -> EntryKind.FILE;
            case DIRECTORY -> EntryKind.DIRECTORY;
            case SYMLINK -> EntryKind.SYMLINK;
            case FIFO -> EntryKind.FIFO;
            case SOCKET -> EntryKind.SOCKET;
            case CHAR_DEVICE -> EntryKind.CHAR_DEVICE;
            case BLOCK_DEVICE -> EntryKind.BLOCK_DEVICE;
        };
    }

    private static String sha256(InputStream content) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256, which every JDK must have",
                    e);
        }
        byte[] buffer = new byte[BUFFER];
        for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
