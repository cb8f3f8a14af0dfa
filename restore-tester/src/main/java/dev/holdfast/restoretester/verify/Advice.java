package dev.holdfast.restoretester.verify;

import java.util.Collection;

/**
 * The next step an operator should take for each kind of failure, worded for the report. The
 * commands named are those of the {@code holdfast} command line.
 */
public final class Advice {
    private static final String REPAIR = "run holdfast check --read-data, then holdfast "
            + "repair";

    private Advice() {
    }

    /** Returns the advice for repository objects that are damaged or missing. */
    public static String damagedObjects(Collection<String> keys) {
        if (keys.isEmpty()) {
            return "repository data that the snapshot needs is damaged or missing: run "
                    + "holdfast check --read-data to find it, then holdfast repair";
        }
        String names = String.join(", ", keys.stream().map(Advice::objectName).toList());
        return names + (keys.size() == 1 ? " is" : " are") + " damaged or missing on every "
                + "provider that holds " + (keys.size() == 1 ? "it" : "them") + ": " + REPAIR
                + "; if no provider has a sound copy, the files that need "
                + (keys.size() == 1 ? "it" : "them") + " are lost from this snapshot";
    }

    /** Names a storage key for people: {@code pack 3f2a...} for a pack, else the key. */
    static String objectName(String key) {
        if (key.startsWith("data/")) {
            return "pack " + key.substring(key.lastIndexOf('/') + 1);
        }
        return "object " + key;
    }

    /** Returns the advice for paths that the target could not take. */
    static String targetProblem() {
        return "the restore volume rejected some files (see the reasons): check its free "
                + "space, permissions and health, then run holdfast restore-test again";
    }

    /** Returns the advice for restored content that differs from the snapshot's. */
    static String contentMismatch() {
        return "the repository returned the content intact, but the restored copy differs: "
                + "check the restore volume's health (kernel log, SMART) and the machine's "
                + "memory, then run holdfast restore-test again; if it repeats, restore the "
                + "snapshot with holdfast restore and compare by hand";
    }

    /** Returns the advice for metadata ({@code what}) that the restore did not apply. */
    static String metadataMismatch(String what) {
        return "the restore did not apply the recorded " + what + ": check that the restore "
                + "volume's file system supports them and that holdfast may set them there "
                + "(owner, mount options such as nosuid), then run holdfast restore-test again";
    }

    /** Returns the advice for a restored tree whose totals differ from the snapshot's. */
    static String countMismatch() {
        return "the restored tree does not hold what the snapshot recorded: read the failures "
                + "above for the paths involved; when there are none, run holdfast check and "
                + "report the snapshot's ID";
    }

    /** Returns the advice for a restore that failed as a whole. */
    public static String restoreFailed(String damagedObject) {
        if (damagedObject != null) {
            return damagedObjects(java.util.List.of(damagedObject));
        }
        return "read the reason above; when it names a provider, check that the provider is "
                + "reachable (holdfast providers), then run holdfast restore-test again";
    }

    /** Returns the advice for a source whose snapshots could not be listed. */
    public static String listFailed() {
        return "check that the repository opens (holdfast snapshots) and that every provider "
                + "is reachable (holdfast providers), then run holdfast restore-test again";
    }

    /** Returns the advice for a source without snapshots. */
    public static String noSnapshot(String source) {
        return "back the source up (holdfast backup --source " + source + ") and check its "
                + "schedule; a source without a snapshot cannot be restored";
    }

    /** Returns the advice for a volume without room for a restore. */
    public static String notEnoughSpace() {
        return "free space on the restore volume, or point restore-test.volume in the "
                + "configuration at a larger one";
    }

    /** Returns the advice for an environment that could not be made. */
    public static String environmentFailed() {
        return "read the reason above: check that the restore volume is writable and that the "
                + "database server binaries are installed, then run holdfast restore-test again";
    }

    /** Returns the advice for container environments when no Docker engine is reachable. */
    public static String noDockerEngine() {
        return "start a Docker engine and point DOCKER_HOST at it, or set "
                + "restore-test.database-environment: local to use the installed server "
                + "binaries, then run holdfast restore-test again";
    }

    /** Returns the advice for an environment that could not be removed. */
    public static String environmentLeft() {
        return "delete what the reason names by hand; the next restore test also tries again";
    }

    /** Returns the advice for tables whose row counts differ from those recorded. */
    static String rowCounts() {
        return "the restored database lacks or adds rows that the backup recorded: check the "
                + "dump tool's messages in the backup's log, run a new backup of the source, "
                + "and keep this snapshot until the difference is explained";
    }

    /** Returns the advice for failed probes. */
    static String probes() {
        return "check whether the probe still matches the database's schema and data; if it "
                + "does, the snapshot misses data that the probe expects: run a new backup and "
                + "keep this snapshot until the difference is explained";
    }
}
