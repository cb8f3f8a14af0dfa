/**
 * Snapshots: the sealed record of one backup, naming its root tree, when and where it ran,
 * what it covered and how complete it is. A snapshot object is written only after every blob
 * and index it depends on is stored, so a visible snapshot is always complete.
 */
package dev.holdfast.repository.snapshot;
