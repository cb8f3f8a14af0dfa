/**
 * Retention: which snapshots to keep, forgetting the others, and the deletion delay.
 *
 * <p>To <em>forget</em> a snapshot is to write a <em>deletion record</em> (a tombstone) that
 * names it; the snapshot and its data stay, and {@code undelete} writes a newer record that
 * brings it back. The newest record of a snapshot gives its state. Once the newest record is a
 * forget older than the <em>deletion delay</em>, the snapshot is <em>removable</em>: prune may
 * delete it and the data only it references. A <em>retention policy</em> (keep last, hourly,
 * daily, weekly, monthly, yearly, within, pinned tags) picks what to keep; the
 * <em>bulk-deletion guard</em> stops a run that would remove more than a set share at once.
 */
package dev.holdfast.repository.retention;
