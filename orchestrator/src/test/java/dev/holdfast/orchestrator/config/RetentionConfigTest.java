package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.retention.RetentionPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionConfigTest {
    private static final String PROVIDERS = """
            providers: [{ name: local, driver: filesystem, path: /r }]
            """;

    @TempDir
    Path folder;

    private HoldfastConfig load(String yaml) throws Exception {
        return ConfigLoader.load(ConfigFiles.write(folder, yaml));
    }

    @Test
    void everyKey_bindsIntoPolicy() throws Exception {
        HoldfastConfig config = load("""
                repository:
                  providers: [local]
                  deletion-delay: 45d
                  bulk-deletion-share: 25%
                """ + PROVIDERS + """
                sources:
                  - name: docs
                    paths: [/docs]
                    retention:
                      keep-last: 3
                      keep-hourly: 24
                      keep-daily: 7
                      keep-weekly: 4
                      keep-monthly: 12
                      keep-yearly: 5
                      keep-within: 2d
                      pin-tags: [keep, legal]
                      time-zone: Europe/Berlin
                """);

        RetentionConfig retention = config.sources().getFirst().retention().orElseThrow();
        assertThat(retention.policy()).isEqualTo(new RetentionPolicy(3, 24, 7, 4, 12, 5,
                Duration.ofDays(2), Set.of("keep", "legal")));
        assertThat(retention.zone()).contains(ZoneId.of("Europe/Berlin"));
        assertThat(config.repository().deletionDelay()).contains(Duration.ofDays(45));
        assertThat(config.repository().options().deletionDelay()).isEqualTo(Duration.ofDays(45));
        assertThat(config.repository().bulkDeletionShare()).isEqualTo(0.25);
    }

    @Test
    void nothingSet_meansDefaults() throws Exception {
        HoldfastConfig config = load("""
                repository: { providers: [local] }
                """ + PROVIDERS + """
                sources: [{ name: docs, paths: [/docs] }]
                """);

        assertThat(config.sources().getFirst().retention()).isEmpty();
        assertThat(config.repository().deletionDelay()).isEmpty();
        assertThat(config.repository().options().deletionDelay())
                .isEqualTo(RepositoryOptions.DEFAULT_DELETION_DELAY);
        assertThat(config.repository().bulkDeletionShare()).isEqualTo(0.5);
    }

    @Test
    void zoneLeftOut_isEmpty() throws Exception {
        HoldfastConfig config = load("""
                repository: { providers: [local] }
                """ + PROVIDERS + """
                sources: [{ name: docs, paths: [/docs], retention: { keep-daily: 7 } }]
                """);

        assertThat(config.sources().getFirst().retention().orElseThrow().zone())
                .isEqualTo(Optional.empty());
    }

    static Stream<Arguments> badFiles() {
        String head = "repository: { providers: [local] }\n" + PROVIDERS + "sources:\n"
                + "  - name: docs\n    paths: [/docs]\n    retention:\n";
        return Stream.of(
                arguments("negative count", head + "      keep-last: -1\n", 7, 18,
                        "invalid count -1 for sources[0].retention.keep-last: expected zero "
                                + "or more snapshots"),
                arguments("count beyond an int", head + "      keep-last: 99999999999\n", 7, 18,
                        "number \"99999999999\" out of range for "
                                + "sources[0].retention.keep-last: expected an integer up to "
                                + "2147483647"),
                arguments("count not a number", head + "      keep-daily: many\n", 7, 19,
                        "invalid value \"many\" for sources[0].retention.keep-daily: expected an "
                                + "integer"),
                arguments("no keep rule", head + "      pin-tags: [keep]\n", 7, 7,
                        "the retention policy in sources[0].retention keeps no snapshot"),
                arguments("only zero counts", head + "      keep-last: 0\n", 7, 7,
                        "the retention policy in sources[0].retention keeps no snapshot"),
                arguments("bad keep-within", head + "      keep-within: a week\n", 7, 20,
                        "invalid duration \"a week\" for sources[0].retention.keep-within"),
                arguments("unknown time zone", head
                        + "      keep-last: 1\n      time-zone: Mars/Olympus\n", 8, 18,
                        "invalid time zone \"Mars/Olympus\" for sources[0].retention.time-zone"),
                arguments("empty pin tag", head
                        + "      keep-last: 1\n      pin-tags: [\"\"]\n", 8, 18,
                        "empty value for sources[0].retention.pin-tags[0]"),
                arguments("unknown key", head + "      keep-forever: 1\n", 7, 7,
                        "unknown key \"keep-forever\" in sources[0].retention"),
                arguments("share without percent", """
                        repository: { providers: [local], bulk-deletion-share: 50 }
                        """ + PROVIDERS, 1, 56, "invalid share \"50\" for "
                        + "repository.bulk-deletion-share: expected a percentage"),
                arguments("share above 100%", """
                        repository: { providers: [local], bulk-deletion-share: 150% }
                        """ + PROVIDERS, 1, 56, "invalid share \"150%\""),
                arguments("bad deletion delay", """
                        repository: { providers: [local], deletion-delay: forever }
                        """ + PROVIDERS, 1, 51, "invalid duration \"forever\" for "
                        + "repository.deletion-delay"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badRetention_namesFileLineAndColumn(String description, String yaml, int line,
            int column, String message) throws IOException {
        Path file = ConfigFiles.write(folder, yaml);

        ConfigException error = ConfigFiles.loadError(file);

        String place = file + ":" + line + ":" + column + ": ";
        assertThat(error.getMessage()).startsWith(place);
        assertThat(error.getMessage().substring(place.length())).startsWith(message);
    }
}
