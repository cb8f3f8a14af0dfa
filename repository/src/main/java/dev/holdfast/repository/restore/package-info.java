/**
 * Restore of snapshots into a folder. Every blob is authenticated and checked against its ID as
 * it is written. Each file is written under a temporary name and renamed into place when
 * complete, so a file that could not be restored whole never appears under its own name.
 */
package dev.holdfast.repository.restore;
