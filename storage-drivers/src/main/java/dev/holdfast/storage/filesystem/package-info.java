/**
 * The file system driver: a provider that keeps each object as a file under a root folder.
 *
 * <p>The <em>root</em> is the folder that the provider owns; a <em>key</em> is a relative path
 * under it, and {@code root/.tmp/} contains <em>temporary files</em>, written and synced before
 * they are published under their key, so that a crash never leaves a partial object visible.
 */
package dev.holdfast.storage.filesystem;
