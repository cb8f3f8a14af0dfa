/**
 * Restore test reports: the model ({@link dev.holdfast.restoretester.report.RestoreTestReport}
 * with its sources, snapshots and checks), its JSON form for machines and the catalog, a
 * self-contained HTML page and a text form for terminals. The <em>verdict</em> of a report, a
 * source or a snapshot is "failed" when any of its checks failed. The <em>trend</em> is the
 * list of earlier runs that the page charts.
 */
package dev.holdfast.restoretester.report;
