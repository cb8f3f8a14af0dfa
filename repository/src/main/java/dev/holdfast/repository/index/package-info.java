/**
 * The index: which pack contains each blob, at which offset and with which lengths. Index files
 * are sealed objects written after the packs they describe; the in-memory {@link
 * dev.holdfast.repository.index.Index} merges them into one compact lookup table.
 */
package dev.holdfast.repository.index;
