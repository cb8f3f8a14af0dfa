package dev.holdfast.storage.s3;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsV2Response;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Contents;
import io.minio.messages.ListBucketResultV2;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A provider that keeps each object in an S3 bucket, through the MinIO Java SDK: key
 * "data/ab/abcd" is the object {@code prefix + "data/ab/abcd"}.
 *
 * <p>Objects up to the part size go up in one PUT and larger ones as multipart uploads, so an
 * object is visible whole or not at all. {@link #putIfAbsent} uses S3 conditional writes or a
 * check before the upload, as {@link ConditionalCreate} describes. Errors are classified as
 * {@link S3Failures} describes; retries are left to a {@link dev.holdfast.storage.RetryingProvider}
 * around this one. Deleting an absent object succeeds, as it does in S3.
 *
 * <p>{@link #stat} reports a missing bucket as a missing object, because the response to a HEAD
 * request has no body to tell the two apart. Every other operation names the missing bucket.
 */
public final class S3Provider implements Provider {
    private final String name;
    private final S3Settings settings;
    private final S3Client client;
    private final OkHttpClient http;
    private final Requests requests;
    private final Uploader uploader;
    private final ConditionalSupport conditional;
    private final KeyLocks keyLocks = new KeyLocks();

    private S3Provider(String name, S3Settings settings, S3Client client, OkHttpClient http,
            Clock clock) {
        this.name = name;
        this.settings = settings;
        this.client = client;
        this.http = http;
        this.requests = new Requests(name, new S3Failures(name, settings));
        this.uploader = new Uploader(name, settings, client, requests, clock);
        this.conditional = new ConditionalSupport(name, settings, uploader, this::delete);
    }

    /**
     * Opens a provider on {@code settings}, reading the credentials from their sources. No
     * request is sent until the first operation.
     *
     * @param environment the environment variables that credential sources may name
     * @throws StorageException of kind PERMANENT when a credential or the CA file cannot be read
     */
    public static S3Provider open(String name, S3Settings settings,
            Map<String, String> environment) throws StorageException {
        return open(name, settings, environment, builder -> { }, Clock.systemUTC());
    }

    /**
     * Opens a provider whose HTTP client {@code customizer} may change, for tests that watch
     * or alter requests, and whose retention dates start at {@code clock}.
     */
    static S3Provider open(String name, S3Settings settings, Map<String, String> environment,
            Consumer<OkHttpClient.Builder> customizer, Clock clock) throws StorageException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        Credentials credentials;
        OkHttpClient http;
        try {
            credentials = Credentials.read(settings.credentials(), environment);
            OkHttpClient.Builder builder = HttpClients.builder(settings);
            customizer.accept(builder);
            http = builder.build();
        } catch (IOException e) {
            throw new StorageException(Kind.PERMANENT, name, "open", settings.bucket(),
                    e.getMessage(), e);
        }
        MinioAsyncClient minio = MinioAsyncClient.builder()
                .endpoint(HttpUrl.get(settings.endpoint()))
                .region(settings.region())
                .credentials(credentials.accessKey(), credentials.secretKey())
                .httpClient(http, false)
                .build();
        if (settings.addressing() == Addressing.VIRTUAL_HOST) {
            minio.enableVirtualStyleEndpoint();
        } else {
            minio.disableVirtualStyleEndpoint();
        }
        return new S3Provider(name, settings, new S3Client(minio), http, clock);
    }

    @Override
    public String name() {
        return name;
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public Optional<Duration> objectLockRetention() {
        return settings.objectLock().map(ObjectLock::retention);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        String object = objectName(key);
        Objects.requireNonNull(data, "data");
        boolean multipart = data.length > settings.partSize();
        if (conditional.ifNoneMatch(multipart)) {
            return uploader.upload(key, object, data, true);
        }
        return checkThenPut(key, object, data);
    }

    /** Uploads unless the key exists; see {@link ConditionalCreate#CHECK_THEN_PUT}. */
    private boolean checkThenPut(String key, String object, byte[] data)
            throws StorageException {
        try {
            keyLocks.lock(object);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(Kind.TRANSIENT, name, "put", key,
                    "interrupted while waiting for another put of the same key", e);
        }
        try {
            // The race window: another process may create the key after this check.
            if (stat(key).isPresent()) {
                return false;
            }
            return uploader.upload(key, object, data, false);
        } finally {
            keyLocks.unlock(object);
        }
    }

    @Override
    public byte[] get(String key) throws StorageException {
        String object = objectName(key);
        GetObjectResponse response = requests.await("get", key, () -> client.getObject(
                GetObjectArgs.builder().bucket(settings.bucket()).region(settings.region())
                        .object(object).build()));
        try (response) {
            String length = response.headers().get("Content-Length");
            if (length != null && Long.parseLong(length) > Integer.MAX_VALUE - 8) {
                throw new StorageException(Kind.PERMANENT, name, "get", key, "the object has "
                        + length + " bytes, more than a Java array can contain; read it in "
                        + "ranges");
            }
            return response.readAllBytes();
        } catch (IOException e) {
            throw requests.failures().of("get", key, e);
        }
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        String object = objectName(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset " + offset + " and length " + length
                    + " of key \"" + key + "\" must not be negative");
        }
        if (length == 0) {
            // S3 has no empty range, but the object must still exist.
            if (stat(key).isEmpty()) {
                throw new StorageException(Kind.NOT_FOUND, name, "get", key,
                        "no object has this key");
            }
            return new byte[0];
        }
        GetObjectResponse response;
        try {
            response = requests.await("get", key, () -> client.getObject(
                    GetObjectArgs.builder().bucket(settings.bucket()).region(settings.region())
                            .object(object).offset(offset).length((long) length).build()));
        } catch (StorageException e) {
            if ("InvalidRange".equals(S3Failures.errorCode(e.getCause()))) {
                return new byte[0]; // the range starts at or after the end of the object
            }
            throw e;
        }
        try (response) {
            return response.readNBytes(length);
        } catch (IOException e) {
            throw requests.failures().of("get", key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        String object = objectName(key);
        try {
            StatObjectResponse response = requests.await("stat", key, () -> client.statObject(
                    StatObjectArgs.builder().bucket(settings.bucket()).region(settings.region())
                            .object(object).build()));
            return Optional.of(new ObjectInfo(key, response.size(),
                    response.lastModified().toInstant()));
        } catch (StorageException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(sink, "sink");
        String listed = settings.prefix() + prefix;
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = requests.await("list", prefix, () -> client.listPage(
                    settings.bucket(), settings.region(), listed, settings.listPageSize(),
                    continuation));
            ListBucketResultV2 result = page.result();
            deliver(result, sink);
            token = result.isTruncated() ? result.nextContinuationToken() : null;
            if (result.isTruncated() && (token == null || token.equals(continuation))) {
                throw new StorageException(Kind.TRANSIENT, name, "list", prefix, "the server "
                        + "marked a listing page as truncated without a new continuation token");
            }
        } while (token != null);
    }

    private void deliver(ListBucketResultV2 result, Consumer<ObjectInfo> sink) {
        for (Contents item : result.contents()) {
            item.setEncodingType(result.encodingType());
            String object = item.objectName();
            if (!object.startsWith(settings.prefix())) {
                continue;
            }
            String key = object.substring(settings.prefix().length());
            // Skips the empty "folder" objects that some consoles create for a prefix.
            if (!key.isEmpty() && !key.endsWith("/")) {
                sink.accept(new ObjectInfo(key, item.size(), item.lastModified().toInstant()));
            }
        }
    }

    @Override
    public void delete(String key) throws StorageException {
        String object = objectName(key);
        try {
            requests.await("delete", key, () -> client.removeObject(RemoveObjectArgs.builder()
                    .bucket(settings.bucket()).region(settings.region()).object(object).build()));
        } catch (StorageException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "S3Provider[" + name + " at " + settings.describe() + "]";
    }

    private String objectName(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return settings.prefix() + key;
    }
}
