/**
 * The Holdfast repository: content-defined chunks, sealed and packed, on one or more providers.
 *
 * <p>A <em>blob</em> is one sealed chunk of file content or one tree; a <em>pack</em> is an
 * object holding many blobs; an <em>index</em> maps blob IDs to their place in packs; a
 * <em>tree</em> lists the entries of one folder; a <em>snapshot</em> names a root tree and
 * records when, where and what was backed up. {@link dev.holdfast.repository.Repository} is the
 * entry point; the subpackages hold the parts of the format.
 */
package dev.holdfast.repository;
