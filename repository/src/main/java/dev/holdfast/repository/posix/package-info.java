/**
 * File system access through POSIX calls made with the foreign function and memory API, for
 * Linux x86_64 with glibc 2.33 or newer.
 *
 * <p>A <em>name</em> is one path component as raw bytes, never decoded, so names that are not
 * valid UTF-8 survive a backup and restore unchanged. A {@link
 * dev.holdfast.repository.posix.DirHandle} is an open directory file descriptor, and every
 * operation on a name inside it is an {@code *at} call relative to that descriptor, which
 * keeps symbolic links from being followed and lifts the {@code PATH_MAX} limit on depth.
 * A {@link dev.holdfast.repository.posix.FileHandle} is an open file descriptor for reading or
 * writing file content by position.
 */
package dev.holdfast.repository.posix;
