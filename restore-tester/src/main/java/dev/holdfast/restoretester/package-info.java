/**
 * The restore tester: it restores snapshots into throwaway environments and proves that the
 * result works. It depends on no other Holdfast module, and never on the repository: the
 * orchestrator hands it what to restore.
 */
package dev.holdfast.restoretester;
