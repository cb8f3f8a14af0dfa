/**
 * The YAML configuration of Holdfast: which providers exist, which of them store the
 * repository, and which sources a backup reads.
 *
 * <p>A <em>provider</em> entry names a storage endpoint and its driver; a <em>source</em> is a
 * named set of paths with exclude patterns. {@link dev.holdfast.orchestrator.config.ConfigLoader}
 * reads a file into a validated {@link dev.holdfast.orchestrator.config.HoldfastConfig}, and
 * every problem it finds is a {@link dev.holdfast.orchestrator.config.ConfigException} that names
 * the file, line and column.
 */
package dev.holdfast.orchestrator.config;
