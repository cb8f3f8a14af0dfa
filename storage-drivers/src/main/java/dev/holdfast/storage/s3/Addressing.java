package dev.holdfast.storage.s3;

/** How the bucket appears in request URLs. */
public enum Addressing {
    /** {@code https://endpoint/bucket/key}, which every S3-compatible server accepts. */
    PATH,
    /**
     * {@code https://bucket.endpoint/key}, which AWS prefers; the bucket's host name must
     * resolve and match the server's certificate.
     */
    VIRTUAL_HOST
}
