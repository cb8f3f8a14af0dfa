package dev.holdfast.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for tests: S3Proxy in this JVM, listening on a free loopback port, keeping
 * objects in memory with the jclouds transient blob store (or in a folder with its filesystem
 * blob store) and checking AWS signatures against {@link #ACCESS_KEY} and {@link #SECRET_KEY}.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "holdfast-test-access-key";
    public static final String SECRET_KEY = "hf-secret-Zq7x3Vw9Lm2Pk5Rt8Yb4";
    /** Environment variable names that test configurations read the keys from. */
    public static final String ACCESS_KEY_VARIABLE = "TEST_S3_ACCESS_KEY";
    public static final String SECRET_KEY_VARIABLE = "TEST_S3_SECRET_KEY";

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(Options options) throws Exception {
        context = blobStoreContext(options.storage);
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(options.ignoreUnknownHeaders);
        if (options.virtualHost != null) {
            builder.virtualHost(options.virtualHost);
        }
        if (options.tls != null) {
            builder.secureEndpoint(URI.create("https://127.0.0.1:0")).sslContext(options.tls);
        } else {
            builder.endpoint(URI.create("http://127.0.0.1:0"));
        }
        proxy = builder.build();
        proxy.start();
        String host = options.virtualHost != null ? options.virtualHost : "127.0.0.1";
        endpoint = options.tls != null
                ? URI.create("https://" + host + ":" + proxy.getSecurePort())
                : URI.create("http://" + host + ":" + proxy.getPort());
    }

    private static BlobStoreContext blobStoreContext(Path storage) {
        if (storage == null) {
            return ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                    .build(BlobStoreContext.class);
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", storage.toString());
        return ContextBuilder.newBuilder("filesystem").credentials("unused", "unused")
                .overrides(properties).build(BlobStoreContext.class);
    }

    /** Starts a server over HTTP that rejects unknown x-amz- headers, as S3Proxy does. */
    public static S3ProxyServer start() throws Exception {
        return new S3ProxyServer(new Options());
    }

    /** Starts a server as {@code options} describe. */
    public static S3ProxyServer start(Options options) throws Exception {
        return new S3ProxyServer(options);
    }

    /** Returns the base URL, such as {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Returns the port that the server listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /** Creates a bucket with a new name and returns the name. */
    public String createBucket() {
        String bucket = "holdfast-test-" + BUCKETS.incrementAndGet();
        blobStore().createContainerInLocation(null, bucket);
        return bucket;
    }

    /** Returns the blob store behind the server, to look at what it stores. */
    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    /** Returns an environment that contains the keys under the test variable names. */
    public static Map<String, String> environment() {
        return Map.of(ACCESS_KEY_VARIABLE, ACCESS_KEY, SECRET_KEY_VARIABLE, SECRET_KEY);
    }

    /** Returns credential sources that read the test variables of {@link #environment()}. */
    public static CredentialSources credentialSources() {
        return CredentialSources.fromEnvironment(ACCESS_KEY_VARIABLE, SECRET_KEY_VARIABLE);
    }

    /** Returns settings for {@code bucket} on this server, with the defaults of the driver. */
    public S3Settings.Builder settings(String bucket) {
        return S3Settings.builder(endpoint, bucket, credentialSources());
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }

    /** How to start a server. */
    public static final class Options {
        private boolean ignoreUnknownHeaders;
        private String virtualHost;
        private SSLContext tls;
        private Path storage;

        /** Accepts x-amz- headers that S3Proxy does not implement, such as object lock. */
        public Options ignoreUnknownHeaders() {
            ignoreUnknownHeaders = true;
            return this;
        }

        /** Serves buckets as subdomains of {@code host}; the endpoint then names this host. */
        public Options virtualHost(String host) {
            virtualHost = host;
            return this;
        }

        /**
         * Keeps buckets as folders in {@code folder}, so that a server started later on the
         * same folder serves the objects of this one.
         */
        public Options storage(Path folder) {
            storage = folder;
            return this;
        }

        /** Serves HTTPS only, with the key and certificate of {@code context}. */
        public Options tls(SSLContext context) {
            tls = context;
            return this;
        }
    }
}
