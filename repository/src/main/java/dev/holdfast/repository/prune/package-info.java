/**
 * Prune: removes the snapshots that retention made eligible and the data that only they
 * needed. A <em>live</em> blob is one reachable from a snapshot that stays. A pack is
 * <em>repacked</em> when the share of its bytes that no live blob uses exceeds a threshold: its
 * live blobs are copied into new packs and the pack is deleted. An <em>unindexed</em> pack is
 * one that no index file lists, left by a process that died before writing its index file.
 * Deletions run in a short phase under the exclusive lock, in the order that
 * {@code docs/decisions.md} (decision 12) and {@code docs/format.md} fix.
 */
package dev.holdfast.repository.prune;
