/**
 * Blobs and packs. A <em>blob</em> is one chunk of file content or one encoded tree, named by
 * its content ID (a keyed hash of its plaintext), compressed, padded and sealed. A
 * <em>pack</em> is one stored object holding many sealed blobs in random order followed by a
 * sealed header that lists them.
 */
package dev.holdfast.repository.pack;
