/**
 * Storage providers: places that keep immutable objects under string keys.
 *
 * <p>A <em>provider</em> stores, returns, lists and deletes objects. It does not
 * interpret the bytes. Keys are slash-separated ASCII names chosen by the repository. Every failure
 * is a {@link dev.holdfast.storage.StorageException} classified as transient (worth a retry) or
 * permanent, so that callers decide on retries and failover without parsing messages.
 *
 * <p>A <em>decorator</em> is a provider that wraps another and adds one behaviour to every
 * call: {@link dev.holdfast.storage.RetryingProvider} retries transient failures,
 * {@link dev.holdfast.storage.LoggingProvider} logs each call, and
 * {@link dev.holdfast.storage.ReadOnlyProvider} rejects changes. Drivers live in subpackages.
 */
package dev.holdfast.storage;
