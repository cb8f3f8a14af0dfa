package dev.holdfast.storage.s3;

import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Runs the asynchronous calls of the MinIO client on behalf of a blocking caller, and turns
 * every failure into a classified {@link StorageException}.
 */
final class Requests {
    /** Starts one asynchronous S3 call; the MinIO client declares many checked exceptions. */
    @FunctionalInterface
    interface AsyncCall<T> {
        CompletableFuture<T> start() throws Exception;
    }

    private final String provider;
    private final S3Failures failures;

    Requests(String provider, S3Failures failures) {
        this.provider = provider;
        this.failures = failures;
    }

    S3Failures failures() {
        return failures;
    }

    /**
     * Starts {@code call} and waits for its result. An interrupt cancels the wait and ends
     * with a TRANSIENT error, keeping the thread's interrupt status set.
     */
    <T> T await(String operation, String key, AsyncCall<T> call) throws StorageException {
        CompletableFuture<T> future;
        try {
            future = call.start();
        } catch (Exception e) {
            throw failures.of(operation, key, unwrap(e));
        }
        try {
            return future.get();
        } catch (ExecutionException | CompletionException | CancellationException e) {
            throw failures.of(operation, key, unwrap(e));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StorageException(Kind.TRANSIENT, provider, operation, key,
                    "interrupted while waiting for the server", e);
        }
    }

    /** Returns the error inside the wrappers that futures add. */
    static Throwable unwrap(Throwable error) {
        Throwable inner = error;
        while ((inner instanceof ExecutionException || inner instanceof CompletionException)
                && inner.getCause() != null) {
            inner = inner.getCause();
        }
        return inner;
    }
}
