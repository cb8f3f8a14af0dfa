package dev.holdfast.storage;

/** One call to a wrapped provider, for decorators that run it in a loop or time it. */
@FunctionalInterface
interface StorageCall<T> {
    T run() throws StorageException;
}
