/**
 * Backup of file trees. The <em>walker</em> lists folders and decides per file whether it can be
 * taken from the <em>parent</em> snapshot unread; <em>file workers</em> read, chunk and hash
 * the rest; <em>blob workers</em> compress and frame new chunks; the <em>packer</em> fills
 * packs, uploads them and writes index checkpoints. The snapshot is written after all of it.
 */
package dev.holdfast.repository.backup;
