/**
 * Trees: one encoded, sealed blob per folder listing its entries (name as raw bytes, type,
 * metadata, and for a file the blobs of its content, for a folder the ID of its own tree).
 * Trees are content-addressed blobs like file chunks, so an unchanged folder is stored once.
 */
package dev.holdfast.repository.tree;
