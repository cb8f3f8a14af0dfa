package dev.holdfast.storage.s3;

/** The form of request URLs: the bucket in the path or in the host name. */
public enum Addressing {
    /** {@code https://endpoint/bucket/key}, which every S3-compatible server accepts. */
    PATH,
    /**
     * {@code https://bucket.endpoint/key}, which AWS prefers; the bucket's host name must
     * resolve and match the server's certificate.
     */
    VIRTUAL_HOST
}
