/**
 * The restore tester: it restores snapshots into throwaway environments and proves that the
 * result works. It depends on no other Holdfast module, and never on the repository: the
 * orchestrator hands it a {@link dev.holdfast.restoretester.SnapshotRestorer}.
 *
 * <p>A <em>restore test</em> ({@link dev.holdfast.restoretester.RestoreTest}) takes each
 * <em>source</em>, picks its newest snapshot and some older ones at random, restores each into
 * a fresh environment (a temporary directory for files, an ephemeral server for databases),
 * runs the <em>checks</em> and destroys the environment. A check passes, fails or is skipped;
 * a failed one carries its reason and the next step for the operator. The results form a
 * <em>report</em> ({@code report} package); the checks themselves are in {@code verify}.
 */
package dev.holdfast.restoretester;
