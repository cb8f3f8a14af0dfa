package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.storage.s3.Addressing;
import dev.holdfast.storage.s3.ConditionalCreate;
import dev.holdfast.storage.s3.ObjectLock;
import dev.holdfast.storage.s3.S3Settings;
import dev.holdfast.storage.s3.SecretSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Provider entries with {@code driver: s3}: every key bound, and every bad value placed. */
class S3ProviderConfigTest {
    @TempDir
    Path folder;

    @Test
    void everyKey_bindsIntoSettings() throws Exception {
        Path file = ConfigFiles.write(folder, """
                repository: { providers: [offsite] }
                providers:
                  - name: offsite
                    driver: s3
                    endpoint: https://s3.eu-central-1.example.com
                    region: eu-central-1
                    bucket: holdfast-backups
                    prefix: laptop
                    addressing: virtual-host
                    ca-file: certs/ca.pem
                    access-key-env: OFFSITE_ACCESS_KEY
                    secret-key-file: /run/secrets/offsite
                    connect-timeout: 5s
                    read-timeout: 2m
                    write-timeout: 1500ms
                    part-size: 64MiB
                    conditional-create: if-none-match
                    object-lock: { mode: compliance, retention: 30d }
                """);

        ProviderConfig provider = ConfigLoader.load(file).repositoryProvider();

        assertThat(provider.driver()).isEqualTo("s3");
        assertThat(provider.path()).isNull();
        S3Settings s3 = provider.s3().orElseThrow();
        assertThat(s3.endpoint()).isEqualTo(URI.create("https://s3.eu-central-1.example.com"));
        assertThat(s3.region()).isEqualTo("eu-central-1");
        assertThat(s3.bucket()).isEqualTo("holdfast-backups");
        assertThat(s3.prefix()).isEqualTo("laptop/");
        assertThat(s3.addressing()).isEqualTo(Addressing.VIRTUAL_HOST);
        assertThat(s3.caFile()).contains(folder.resolve("etc/certs/ca.pem"));
        assertThat(s3.credentials().accessKey())
                .isEqualTo(SecretSource.variable("OFFSITE_ACCESS_KEY"));
        assertThat(s3.credentials().secretKey())
                .isEqualTo(SecretSource.file(Path.of("/run/secrets/offsite")));
        assertThat(s3.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s3.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s3.writeTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s3.partSize()).isEqualTo(64L << 20);
        assertThat(s3.conditionalCreate()).isEqualTo(ConditionalCreate.IF_NONE_MATCH);
        assertThat(s3.objectLock()).contains(
                new ObjectLock(ObjectLock.Mode.COMPLIANCE, Duration.ofDays(30)));
        assertThat(provider.location()).isEqualTo("bucket \"holdfast-backups\" under prefix "
                + "\"laptop/\" at https://s3.eu-central-1.example.com");
    }

    @Test
    void optionalKeysMissing_takeDefaults() throws Exception {
        Path file = ConfigFiles.write(folder, """
                repository: { providers: [offsite] }
                providers:
                  - name: offsite
                    driver: s3
                    endpoint: http://127.0.0.1:9000
                    bucket: backups
                    access-key-env: A
                    secret-key-env: B
                """);

        S3Settings s3 = ConfigLoader.load(file).repositoryProvider().s3().orElseThrow();

        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.prefix()).isEmpty();
        assertThat(s3.addressing()).isEqualTo(Addressing.PATH);
        assertThat(s3.caFile()).isEmpty();
        assertThat(s3.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s3.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s3.partSize()).isEqualTo(16L << 20);
        assertThat(s3.conditionalCreate()).isEqualTo(ConditionalCreate.DETECT);
        assertThat(s3.objectLock()).isEqualTo(Optional.empty());
    }

    static Stream<Arguments> badFiles() {
        String head = """
                repository: { providers: [s] }
                providers:
                  - name: s
                    driver: s3
                """;
        String keys = """
                    access-key-env: A
                    secret-key-env: B
                """;
        return Stream.of(
                arguments("missing endpoint", head + """
                            bucket: backups
                        """ + keys, 3, 5, "missing key \"endpoint\" in providers[0]: expected "
                        + "the server's URL"),
                arguments("endpoint without scheme", head + """
                            endpoint: s3.example.com
                            bucket: backups
                        """ + keys, 5, 15, "invalid providers[0].endpoint: endpoint "
                        + "\"s3.example.com\" must start with https:// or http://"),
                arguments("endpoint with a path", head + """
                            endpoint: https://s3.example.com/backups
                            bucket: backups
                        """ + keys, 5, 15, "invalid providers[0].endpoint: endpoint "
                        + "\"https://s3.example.com/backups\" must not have a path"),
                arguments("endpoint with a user", head + """
                            endpoint: https://me:pw@s3.example.com
                            bucket: backups
                        """ + keys, 5, 15, "invalid providers[0].endpoint: endpoint must not "
                        + "contain a user name or password"),
                arguments("invalid bucket name", head + """
                            endpoint: https://s3.example.com
                            bucket: My_Backups
                        """ + keys, 6, 13, "invalid providers[0].bucket: bucket name "
                        + "\"My_Backups\" breaks the S3 naming rules"),
                arguments("prefix starting with a slash", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            prefix: /laptop
                        """ + keys, 7, 13, "invalid providers[0].prefix: prefix \"/laptop\" "
                        + "must not start with a slash"),
                arguments("unknown addressing", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            addressing: virtual
                        """ + keys, 7, 17, "invalid value \"virtual\" for "
                        + "providers[0].addressing: expected path or virtual-host"),
                arguments("secret key written in the file", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            access-key-env: A
                            secret-key: do-not-write-me
                        """, 8, 5, "key \"secret-key\" in providers[0] is not accepted, "
                        + "because a credential is never written in the configuration file: "
                        + "name an environment variable in secret-key-env or a file in "
                        + "secret-key-file"),
                arguments("no source for the secret key", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            access-key-env: A
                        """, 3, 5, "missing key \"secret-key-env\" or \"secret-key-file\" in "
                        + "providers[0]: expected the name of an environment variable or a file"),
                arguments("two sources for the access key", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            access-key-env: A
                            access-key-file: /run/a
                            secret-key-env: B
                        """, 8, 22, "both providers[0].access-key-env and "
                        + "providers[0].access-key-file are set: expected one source for the "
                        + "access key"),
                arguments("invalid duration", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            read-timeout: 10 sec
                        """ + keys, 7, 19, "invalid duration \"10 sec\" for "
                        + "providers[0].read-timeout: expected a whole number with a unit such "
                        + "as 500ms, 10s, 5m, 12h or 30d"),
                arguments("zero timeout", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            connect-timeout: 0s
                        """ + keys, 7, 22, "invalid duration 0 for providers[0].connect-timeout"),
                arguments("part size below the S3 minimum", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            part-size: 1MiB
                        """ + keys, 7, 16, "invalid size 1MiB for providers[0].part-size: "
                        + "expected at least 5MiB, the smallest part S3 accepts"),
                arguments("unknown conditional create", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            conditional-create: always
                        """ + keys, 7, 25, "invalid value \"always\" for "
                        + "providers[0].conditional-create: expected check-then-put or detect "
                        + "or if-none-match"),
                arguments("unknown object-lock mode", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            object-lock: { mode: legal-hold, retention: 30d }
                        """ + keys, 7, 26, "invalid value \"legal-hold\" for "
                        + "providers[0].object-lock.mode: expected compliance or governance"),
                arguments("object lock without retention", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            object-lock: { mode: governance }
                        """ + keys, 7, 18, "missing key \"retention\" in "
                        + "providers[0].object-lock: expected a duration such as 30d"),
                arguments("s3 key in a filesystem provider", """
                        repository: { providers: [local] }
                        providers:
                          - name: local
                            driver: filesystem
                            path: /r
                            bucket: backups
                        """, 6, 13, "key \"bucket\" in providers[0] belongs to the s3 driver"),
                arguments("path in an s3 provider", head + """
                            endpoint: https://s3.example.com
                            bucket: backups
                            path: /r
                        """ + keys, 7, 11, "key \"path\" in providers[0] belongs to the "
                        + "filesystem driver"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFile_namesPlaceAndExpectedForm(String description, String yaml, int line,
            int column, String message) throws IOException {
        Path file = ConfigFiles.write(folder, yaml);

        ConfigException error = ConfigFiles.loadError(file);

        String place = file + ":" + line + ":" + column + ": ";
        assertThat(error.getMessage()).startsWith(place);
        assertThat(error.getMessage().substring(place.length())).startsWith(message);
        assertThat(List.of(error.line(), error.column())).containsExactly(line, column);
        assertThat(error.getMessage()).doesNotContain("do-not-write-me");
    }
}
