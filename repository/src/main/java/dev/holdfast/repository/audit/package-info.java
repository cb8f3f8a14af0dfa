/**
 * The audit trail: a hash chain of sealed entries under {@code audit/}, one per action that
 * changed the repository (init, backup, key and lock changes, forget, prune). An entry's
 * {@code prev} is the SHA-256 of the stored bytes of the entry before it, so a provider that
 * removes, alters, reorders or swaps entries breaks the chain; snapshots name the newest
 * entry when they were written, which also exposes a removed newest entry.
 */
package dev.holdfast.repository.audit;
