/**
 * Checks of a repository's integrity. The <em>structure</em> check reads every index, snapshot
 * and tree and confirms that each referenced blob is indexed in a pack that exists; the
 * <em>data</em> check also downloads every pack and authenticates every blob in it.
 */
package dev.holdfast.repository.check;
