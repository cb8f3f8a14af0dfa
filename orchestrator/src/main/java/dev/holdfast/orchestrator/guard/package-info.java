/**
 * The bulk-deletion guard's decisions: whether the table statistics of a database source show
 * rows disappearing beyond the configured thresholds, and the notification that follows.
 *
 * <p>Terms:
 * <ul>
 * <li>A <em>reading</em> is one poll of a source's table statistics: for each table its live
 *     rows (exact or an estimate) and the cumulative deleted and inserted counters. A snapshot
 *     records a reading of the same shape, the <em>baseline</em>.
 * <li>The <em>window</em> is how far back a reading is compared: rows gone are the largest
 *     live count of the table within the window minus the current one.
 * <li>An <em>incident</em> is a recorded detection: the tables, the rule that fired, and what
 *     the guard did about it (forensic snapshot, rollback).
 * <li>A <em>freeze</em> stops retention from forgetting any snapshot of the source until an
 *     operator lifts it, so that the snapshots from before the damage stay restorable.
 * </ul>
 */
package dev.holdfast.orchestrator.guard;
