package dev.holdfast.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an S3 provider stores its objects and how it talks to the server. Credentials are
 * named by their {@link CredentialSources}, never given as values.
 *
 * @param endpoint base URL of the server, {@code http} or {@code https}, without a path
 * @param region region that requests are signed for
 * @param bucket bucket that contains the objects
 * @param prefix text put before every key, empty or ending with a slash
 * @param addressing path-style or virtual-host URLs
 * @param caFile PEM file of the certificates to trust for HTTPS instead of the system trust
 *     store; empty to use the system trust store
 * @param connectTimeout time to open a connection
 * @param readTimeout longest wait for the next bytes of a response
 * @param writeTimeout longest wait while sending the next bytes of a request
 * @param partSize objects larger than this are uploaded in parts of this size
 * @param listPageSize keys requested per listing page, 1 to 1000
 * @param conditionalCreate how a put avoids replacing an existing object
 * @param objectLock retention requested on every upload, or empty for none
 * @param credentials where the access key and the secret key are read from
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix,
        Addressing addressing, Optional<Path> caFile, Duration connectTimeout,
        Duration readTimeout, Duration writeTimeout, long partSize, int listPageSize,
        ConditionalCreate conditionalCreate, Optional<ObjectLock> objectLock,
        CredentialSources credentials) {

    /** The smallest part S3 accepts, except for the last part of an upload. */
    public static final long MIN_PART_SIZE = 5L << 20;
    /** The largest part size; a part is held in one Java array. */
    public static final long MAX_PART_SIZE = (1L << 31) - 1;
    /** The default part size, which also is the size above which uploads use parts. */
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    public static final String DEFAULT_REGION = "us-east-1";

    /** Bucket names under the S3 rules: 3 to 63 lower-case letters, digits, dots, hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(conditionalCreate, "conditionalCreate");
        Objects.requireNonNull(objectLock, "objectLock");
        Objects.requireNonNull(credentials, "credentials");
        checkEndpoint(endpoint);
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be empty, such as us-east-1");
        }
        checkBucket(bucket);
        prefix = checkPrefix(prefix);
        positive("connect timeout", connectTimeout);
        positive("read timeout", readTimeout);
        positive("write timeout", writeTimeout);
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size " + partSize + " bytes must be at "
                    + "least 5MiB (the S3 minimum) and less than 2GiB");
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new IllegalArgumentException(
                    "list page size " + listPageSize + " must be 1 to 1000 keys");
        }
    }

    /** Starts settings with the required values and defaults for the rest. */
    public static Builder builder(URI endpoint, String bucket, CredentialSources credentials) {
        return new Builder(endpoint, bucket, credentials);
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Describes the location for messages, such as {@code bucket "b" at https://host}. */
    public String describe() {
        String where = prefix.isEmpty() ? "" : " under prefix \"" + prefix + "\"";
        return "bucket \"" + bucket + "\"" + where + " at " + endpoint;
    }

    /**
     * Returns {@code prefix} with a final slash added, or rejects a prefix that would make
     * keys start with a slash or contain an empty path segment.
     *
     * @throws IllegalArgumentException naming the prefix and the expected form
     */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("prefix \"" + prefix + "\" must not start with "
                    + "a slash or contain two slashes in a row, such as backups/laptop");
        }
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /**
     * Returns {@code endpoint} if it is an http or https URL with a host and nothing else.
     *
     * @throws IllegalArgumentException naming the endpoint and the expected form
     */
    public static URI checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" must start with "
                    + "https:// or http://, such as https://s3.eu-central-1.amazonaws.com");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" has no host name");
        }
        if (endpoint.getRawUserInfo() != null) {
            // The text before @ would be logged with the endpoint; keys come from their sources.
            throw new IllegalArgumentException("endpoint must not contain a user name or "
                    + "password; set the credentials' environment variables or files instead");
        }
        String path = endpoint.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/"))
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" must not have a "
                    + "path or query; name the bucket in bucket and a folder in prefix");
        }
        return endpoint;
    }

    /**
     * Returns {@code bucket} if it follows the S3 naming rules.
     *
     * @throws IllegalArgumentException naming the bucket and the rules
     */
    public static String checkBucket(String bucket) {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("bucket name \"" + bucket + "\" breaks the S3 "
                    + "naming rules: 3 to 63 lower-case letters, digits, dots and hyphens, "
                    + "starting and ending with a letter or digit");
        }
        return bucket;
    }

    private static void positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " " + value + " must be positive");
        }
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private final URI endpoint;
        private final String bucket;
        private final CredentialSources credentials;
        private String region = DEFAULT_REGION;
        private String prefix = "";
        private Addressing addressing = Addressing.PATH;
        private Path caFile;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private long partSize = DEFAULT_PART_SIZE;
        private int listPageSize = 1000;
        private ConditionalCreate conditionalCreate = ConditionalCreate.DETECT;
        private ObjectLock objectLock;

        private Builder(URI endpoint, String bucket, CredentialSources credentials) {
            this.endpoint = endpoint;
            this.bucket = bucket;
            this.credentials = credentials;
        }

        private Builder(S3Settings settings) {
            this(settings.endpoint, settings.bucket, settings.credentials);
            region = settings.region;
            prefix = settings.prefix;
            addressing = settings.addressing;
            caFile = settings.caFile.orElse(null);
            connectTimeout = settings.connectTimeout;
            readTimeout = settings.readTimeout;
            writeTimeout = settings.writeTimeout;
            partSize = settings.partSize;
            listPageSize = settings.listPageSize;
            conditionalCreate = settings.conditionalCreate;
            objectLock = settings.objectLock.orElse(null);
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder prefix(String value) {
            prefix = value;
            return this;
        }

        public Builder addressing(Addressing value) {
            addressing = value;
            return this;
        }

        /** Trusts only the certificates in this PEM file for HTTPS; null for the system's. */
        public Builder caFile(Path value) {
            caFile = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        public Builder writeTimeout(Duration value) {
            writeTimeout = value;
            return this;
        }

        public Builder partSize(long bytes) {
            partSize = bytes;
            return this;
        }

        public Builder listPageSize(int keys) {
            listPageSize = keys;
            return this;
        }

        public Builder conditionalCreate(ConditionalCreate value) {
            conditionalCreate = value;
            return this;
        }

        /** Requests this retention on every upload; null for none. */
        public Builder objectLock(ObjectLock value) {
            objectLock = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public S3Settings build() {
            return new S3Settings(endpoint, region, bucket, prefix, addressing,
                    Optional.ofNullable(caFile), connectTimeout, readTimeout, writeTimeout,
                    partSize, listPageSize, conditionalCreate, Optional.ofNullable(objectLock),
                    credentials);
        }
    }
}
