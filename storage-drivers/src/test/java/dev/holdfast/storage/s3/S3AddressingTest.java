package dev.holdfast.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Path-style and virtual-host URLs, as the requests that reach S3Proxy show them. */
class S3AddressingTest {
    /** Resolves localhost and its subdomains to 127.0.0.1 only, and nothing else. */
    private static final Dns LOOPBACK_ONLY = host -> {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        }
        throw new UnknownHostException(host + " is not a loopback name of this test");
    };

    private final RecordedRequests recorded = new RecordedRequests();

    @Test
    void pathStyle_putsBucketInPath() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            String bucket = server.createBucket();
            roundTrip(server.settings(bucket).addressing(Addressing.PATH)
                    .conditionalCreate(ConditionalCreate.CHECK_THEN_PUT).build());

            for (HttpUrl url : urls()) {
                assertThat(url.host()).isEqualTo("127.0.0.1");
                assertThat(url.encodedPath()).startsWith("/" + bucket);
            }
        }
    }

    @Test
    void virtualHost_putsBucketInHostName() throws Exception {
        S3ProxyServer.Options options = new S3ProxyServer.Options().virtualHost("localhost");
        try (S3ProxyServer server = S3ProxyServer.start(options)) {
            String bucket = server.createBucket();
            roundTrip(server.settings(bucket).addressing(Addressing.VIRTUAL_HOST)
                    .conditionalCreate(ConditionalCreate.CHECK_THEN_PUT).build());

            for (HttpUrl url : urls()) {
                assertThat(url.host()).isEqualTo(bucket + ".localhost");
                assertThat(url.encodedPath()).doesNotContain(bucket);
            }
        }
    }

    private void roundTrip(S3Settings settings) throws Exception {
        try (S3Provider provider = S3Provider.open("addressed", settings,
                S3ProxyServer.environment(), builder -> builder.dns(LOOPBACK_ONLY)
                        .addNetworkInterceptor(recorded), Clock.systemUTC())) {
            assertThat(provider.putIfAbsent("data/one", new byte[] {1})).isTrue();
            assertThat(provider.get("data/one")).containsExactly(1);
            List<String> keys = new ArrayList<>();
            provider.list("data/", info -> keys.add(info.key()));
            assertThat(keys).containsExactly("data/one");
        }
        // The only error response is the 404 of the check before the upload.
        assertThat(recorded.all()).filteredOn(e -> e.status() >= 300)
                .extracting(RecordedRequests.Exchange::method).containsExactly("HEAD");
    }

    private List<HttpUrl> urls() {
        assertThat(recorded.all()).isNotEmpty();
        return recorded.all().stream().map(e -> e.request().url()).toList();
    }

}
