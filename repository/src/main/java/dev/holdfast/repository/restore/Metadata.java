package dev.holdfast.repository.restore;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.posix.Accounts;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.tree.ExtendedAttribute;
import dev.holdfast.repository.tree.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies owners, modes, extended attributes and times. Owners are set first because changing
 * them clears set-user-ID bits; times are set last because every other change moves them.
 * Failures are collected as warnings: the content is restored even when metadata is not.
 */
final class Metadata {
    private final Accounts accounts = new Accounts();
    private final boolean owners;
    private final List<String> warnings = new ArrayList<>();

    Metadata(boolean restoreOwners) {
        this.owners = restoreOwners && Accounts.isRoot();
    }

    void applyToFile(FileHandle file, Node node) throws IOException {
        if (owners) {
            file.chown(uid(node), gid(node));
        }
        file.chmod(node.mode());
        file.setTimes(node.atimeSeconds(), node.atimeNanos(), node.mtimeSeconds(), node.mtimeNanos());
    }

    /** Applies metadata to entry {@code node.name()} of {@code dir} (folders, links, special files). */
    void applyByName(DirHandle dir, Node node, byte[] path) {
        try {
            if (owners) {
                dir.chown(node.name(), uid(node), gid(node));
            }
            if (node.type() != EntryType.SYMLINK) {
                dir.chmod(node.name(), node.mode());
            }
        } catch (IOException e) {
            warn(path, "owner or mode not restored: " + e.getMessage());
        }
        applyXattrs(dir, node, path);
        try {
            dir.setTimes(node.name(), node.atimeSeconds(), node.atimeNanos(), node.mtimeSeconds(),
                    node.mtimeNanos());
        } catch (IOException e) {
            warn(path, "times not restored: " + e.getMessage());
        }
    }

    void applyXattrs(DirHandle dir, Node node, byte[] path) {
        for (ExtendedAttribute xattr : node.xattrs()) {
            try {
                dir.setXattr(node.name(), xattr.name(), xattr.value());
            } catch (IOException e) {
                warn(path, "extended attribute " + PathNames.display(xattr.name()) + " not restored: "
                        + e.getMessage());
            }
        }
    }

    private int uid(Node node) {
        return node.user() == null ? node.uid() : accounts.uidOf(node.user()).orElse(node.uid());
    }

    private int gid(Node node) {
        return node.group() == null ? node.gid() : accounts.gidOf(node.group()).orElse(node.gid());
    }

    synchronized void warn(byte[] path, String message) {
        warnings.add(PathNames.display(path) + ": " + message);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }
}
