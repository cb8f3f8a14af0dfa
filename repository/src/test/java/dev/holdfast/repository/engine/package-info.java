/**
 * Integration tests of the repository engine: {@link dev.holdfast.repository.Repository} backs
 * up and restores real trees on the real file-system provider. A <em>source</em> is a folder
 * built through the POSIX layer, a <em>listing</em> is what the POSIX layer reports for every
 * entry below a folder, and two trees are the same when their listings match. The tests run as
 * root, as the build machines do, because owners, device nodes and tmpfs mounts need it.
 */
package dev.holdfast.repository.engine;
