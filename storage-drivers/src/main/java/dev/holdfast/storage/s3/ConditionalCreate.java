package dev.holdfast.storage.s3;

/**
 * The strategy of {@link S3Provider#putIfAbsent} against replacing an existing object.
 *
 * <p>S3 replaces an object on every PUT unless the request carries {@code If-None-Match: *}.
 * With it, a server that supports conditional writes responds 412 Precondition Failed when the
 * key exists. The AWS S3 API reference documents it for PutObject and CompleteMultipartUpload.
 * Servers that do not support it ignore the header and replace the object.
 */
public enum ConditionalCreate {
    /**
     * Finds out with the first write of the provider, on a probe object that is deleted
     * afterwards, whether the server honours {@code If-None-Match} on a PUT and on a multipart
     * completion, and uses {@link #IF_NONE_MATCH} where it does and {@link #CHECK_THEN_PUT}
     * where it does not.
     */
    DETECT,
    /**
     * Sends {@code If-None-Match: *} and treats 412 as "the key exists". Atomic, but on a
     * server that ignores the header an existing object is replaced.
     */
    IF_NONE_MATCH,
    /**
     * Reads the object's metadata and uploads only when the key is absent. Writers of one
     * provider instance that race for a key are serialized, but a writer in another process
     * can create the key between the check and the upload, and then one object replaces the
     * other while both writers report success.
     */
    CHECK_THEN_PUT
}
