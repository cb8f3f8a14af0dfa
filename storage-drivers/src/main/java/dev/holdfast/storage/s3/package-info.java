/**
 * The S3 driver: a provider that keeps each object in a bucket of an S3-compatible server,
 * through the MinIO Java SDK.
 *
 * <p>The <em>endpoint</em> is the server's base URL, the <em>bucket</em> contains the objects and
 * the <em>prefix</em> is put before every key, so that several repositories can share a bucket.
 * <em>Conditional create</em> is how a put avoids replacing an object that exists
 * ({@link dev.holdfast.storage.s3.ConditionalCreate}). <em>Credential sources</em> name the
 * environment variables or files that hold the access key and the secret key.
 */
package dev.holdfast.storage.s3;
