/**
 * Restore tests of the configured sources against the repository: the
 * {@link dev.holdfast.orchestrator.restoretest.RepositoryRestorer} through which the restore
 * tester reads snapshots, and {@link dev.holdfast.orchestrator.restoretest.RecordedRestoreTest},
 * which runs a test and keeps its <em>report</em> in the catalog, in a <em>report
 * snapshot</em> of the repository (tagged {@code restore-test-report}) and in a failure
 * <em>notification</em>.
 */
package dev.holdfast.orchestrator.restoretest;
