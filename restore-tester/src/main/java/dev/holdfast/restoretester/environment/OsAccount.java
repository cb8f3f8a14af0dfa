package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * The OS account that runs a server. Under root it is a named unprivileged account (database
 * servers refuse to run as root); otherwise it is the JVM's own user and nothing changes hands.
 *
 * @param name the account's name, or null when the server runs as the JVM's user
 */
record OsAccount(String name) {
    private static final Path ROOT_PROBE = Path.of("/proc/self");

    /** Returns the account for a server: {@code serverAccount} under root, else the JVM's. */
    static OsAccount forServer(String serverAccount) {
        return runningAsRoot() ? new OsAccount(serverAccount) : new OsAccount(null);
    }

    /** Returns whether the JVM runs with user ID 0, whatever {@code user.name} says. */
    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(ROOT_PROBE, "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Returns the login name of the JVM's user, which MariaDB's socket login maps to. */
    static String currentUser() throws IOException {
        return Files.getOwner(ROOT_PROBE).getName();
    }

    boolean isOther() {
        return name != null;
    }

    /** Returns {@code command} prefixed so that it runs as this account. */
    List<String> wrap(List<String> command) {
        if (!isOther()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands a file or folder to this account and its primary group. */
    void own(Path path) throws IOException {
        if (!isOther()) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        try {
            user = lookup.lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("OS account '" + name + "' does not exist; the server needs"
                    + " it to run when Holdfast runs as root: create it or choose another", e);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path,
                PosixFileAttributeView.class);
        view.setOwner(user);
        try {
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
            view.setGroup(group);
        } catch (UserPrincipalNotFoundException e) {
            // An account without a group of its own name keeps root's group; 0700 hides it.
        }
    }

    /**
     * Checks that this account can reach {@code folder}: every folder above it must be
     * searchable by others or owned by the account.
     */
    void checkCanReach(Path folder) throws IOException {
        if (!isOther()) {
            return;
        }
        for (Path each = folder.toRealPath(); each != null; each = each.getParent()) {
            PosixFileAttributes attributes = Files.readAttributes(each,
                    PosixFileAttributes.class);
            boolean searchable = attributes.permissions()
                    .contains(PosixFilePermission.OTHERS_EXECUTE);
            if (!searchable && !attributes.owner().getName().equals(name)) {
                throw new IOException("Folder '" + each + "' is not searchable by OS account '"
                        + name + "', which runs the server: choose a parent folder such as"
                        + " /tmp, or allow others to search it (chmod o+x)");
            }
        }
    }
}
