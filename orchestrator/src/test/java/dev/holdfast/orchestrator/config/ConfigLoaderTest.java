package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.orchestrator.config.RepositoryConfig.ChunkSizes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    private static final String GOOD = """
            repository:
              providers: [local]
              chunker: { min: 256KiB, average: 1MiB, max: 4MiB }
              pack-size: 16MiB
              compression: 5
            providers:
              - name: local
                driver: filesystem
                path: ./holdfast-repo
            sources:
              - name: sample
                paths: [../examples/sample-data, /srv/www]
                exclude: ["*.tmp"]
            """;

    @TempDir
    Path folder;

    @Test
    void goodFile_bindsEverySection() throws Exception {
        Path file = ConfigFiles.write(folder, GOOD);

        HoldfastConfig config = ConfigLoader.load(file);

        assertThat(config.file()).isEqualTo(file);
        assertThat(config.repository().providers()).containsExactly("local");
        assertThat(config.repository().chunker()).contains(
                new ChunkSizes(256 * 1024, 1024 * 1024, 4 * 1024 * 1024));
        assertThat(config.repository().packSize()).hasValue(16 * 1024 * 1024);
        assertThat(config.repository().compression()).hasValue(5);
        assertThat(config.repositoryProvider()).isEqualTo(new ProviderConfig(
                "local", "filesystem", folder.resolve("etc/holdfast-repo")));
        SourceConfig source = config.source("sample").orElseThrow();
        assertThat(source.paths()).containsExactly(
                folder.resolve("examples/sample-data"), Path.of("/srv/www"));
        assertThat(source.excludes()).containsExactly("*.tmp");
    }

    @Test
    void optionalKeysMissing_stayEmpty() throws Exception {
        Path file = ConfigFiles.write(folder, """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: /backup }]
                """);

        HoldfastConfig config = ConfigLoader.load(file);

        assertThat(config.repository().chunker()).isEmpty();
        assertThat(config.repository().packSize()).isEmpty();
        assertThat(config.repository().compression()).isEmpty();
        assertThat(config.sources()).isEmpty();
        assertThat(config.repositoryProvider().path()).isEqualTo(Path.of("/backup"));
    }

    @Test
    void sizesAsPlainIntegers_areBytes() throws Exception {
        Path file = ConfigFiles.write(folder, """
                repository: { providers: [local], pack-size: 1048576 }
                providers: [{ name: local, driver: filesystem, path: /backup }]
                """);

        assertThat(ConfigLoader.load(file).repository().packSize()).hasValue(1 << 20);
    }

    @Test
    void missingFile_namesTheFile() {
        Path file = folder.resolve("absent.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file \"" + file + "\" not found");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("unknown key at the top level", """
                        repository: { providers: [local] }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        colour: blue
                        """, 3, 1, "unknown key \"colour\" at the top level: expected one of "
                        + "catalog, providers, repository, restore-test, service, sources"),
                arguments("unknown key in a section", """
                        repository:
                          providers: [local]
                          packsize: 16MiB
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 3, "unknown key \"packsize\" in repository: expected one of "
                        + "bulk-deletion-share, chunker, compression, copies, deletion-delay, "
                        + "differ-by, exclude-jurisdictions, pack-size, providers, "
                        + "read-timeout, schedule, scrub-share, write-quorum"),
                arguments("list where a mapping is expected", """
                        repository: [local]
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 1, 13, "wrong type for repository: expected a mapping of keys "
                        + "to values"),
                arguments("text where a list is expected", """
                        repository:
                          providers: local
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 2, 14, "wrong type for repository.providers: expected a list, "
                        + "such as [a, b]"),
                arguments("text where an integer is expected", """
                        repository:
                          providers: [local]
                          compression: high
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 16, "invalid value \"high\" for repository.compression: "
                        + "expected an integer"),
                arguments("size with a decimal unit", """
                        repository:
                          providers: [local]
                          pack-size: 16 MB
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 14, "invalid size \"16 MB\" for repository.pack-size: "
                        + "expected a number of bytes or a value such as 16MiB"),
                arguments("negative size", """
                        repository:
                          providers: [local]
                          chunker: { min: -1, average: 1MiB, max: 8MiB }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 19, "invalid size \"-1\" for repository.chunker.min: "
                        + "expected a number of bytes or a value such as 16MiB"),
                arguments("size that does not fit", """
                        repository:
                          providers: [local]
                          pack-size: 4GiB
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 14, "invalid size 4GiB for repository.pack-size: expected at "
                        + "least 1 byte and less than 2GiB"),
                arguments("average chunk not a power of two", """
                        repository:
                          providers: [local]
                          chunker: { min: 1KiB, average: 1000KiB, max: 8MiB }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 34, "invalid size 1000KiB for repository.chunker.average: "
                        + "expected a power of two, such as 1MiB"),
                arguments("chunk sizes out of order", """
                        repository:
                          providers: [local]
                          chunker:
                            min: 2MiB
                            average: 1MiB
                            max: 8MiB
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 4, 5, "invalid chunk sizes in repository.chunker (min 2MiB, "
                        + "average 1MiB, max 8MiB): expected min < average < max"),
                arguments("chunk sizes set in part", """
                        repository:
                          providers: [local]
                          chunker: { average: 2MiB }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 12, "missing key \"min\" in repository.chunker: expected a "
                        + "size such as 1MiB; min, average and max are set together"),
                arguments("compression level out of range", """
                        repository:
                          providers: [local]
                          compression: 30
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 3, 16, "invalid compression level 30 for repository.compression: "
                        + "expected 0 (off) to 22"),
                arguments("missing repository section", """
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 1, 1, "missing key \"repository\" at the top level: expected a "
                        + "mapping such as { providers: [local] }"),
                arguments("missing provider path", """
                        repository: { providers: [local] }
                        providers:
                          - name: local
                            driver: filesystem
                        """, 3, 5, "missing key \"path\" in providers[0]: expected the folder "
                        + "of the repository, such as ./holdfast-repo"),
                arguments("provider name without a value", """
                        repository: { providers: [local] }
                        providers:
                          - name:
                            driver: filesystem
                            path: /r
                        """, 3, 10, "empty value for providers[0].name: expected a name such "
                        + "as local"),
                arguments("missing source paths", """
                        repository: { providers: [local] }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        sources:
                          - name: docs
                        """, 4, 5, "missing key \"paths\" in sources[0]: expected a list of "
                        + "files or folders, such as [/srv]"),
                arguments("duplicate provider names", """
                        repository: { providers: [local] }
                        providers:
                          - { name: local, driver: filesystem, path: /a }
                          - { name: local, driver: filesystem, path: /b }
                        """, 4, 13, "duplicate provider name \"local\" in providers[1].name: "
                        + "expected a name that no other provider uses (providers[0] is also "
                        + "named \"local\")"),
                arguments("duplicate source names", """
                        repository: { providers: [local] }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        sources:
                          - { name: docs, paths: [/a] }
                          - { name: docs, paths: [/b] }
                        """, 5, 13, "duplicate source name \"docs\" in sources[1].name: "
                        + "expected a name that no other source uses (sources[0] is also "
                        + "named \"docs\")"),
                arguments("invalid exclude glob", """
                        repository: { providers: [local] }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        sources:
                          - { name: docs, paths: [/a], exclude: ["*.tmp", "cache/[a"] }
                        """, 4, 51, "invalid glob \"cache/[a\" for sources[0].exclude[1]: a "
                        + "'[' has no closing ']' (write \\[ to match a '[' itself); expected a "
                        + "glob pattern such as \"*.tmp\""),
                arguments("repository names an unknown provider", """
                        repository: { providers: [remote] }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 1, 27, "unknown provider \"remote\" in repository.providers[0]: "
                        + "expected one of the names under providers: local"),
                arguments("unknown driver", """
                        repository: { providers: [local] }
                        providers: [{ name: local, driver: sftp, path: /r }]
                        """, 2, 36, "unknown driver \"sftp\" for providers[0].driver: expected "
                        + "filesystem or s3"),
                arguments("duplicate key", """
                        repository: { providers: [local] }
                        repository: { providers: [local] }
                        """, 2, 11, "duplicate key \"repository\": expected each key once in a "
                        + "mapping"),
                arguments("invalid YAML", """
                        repository: { providers: [local]
                        providers: []
                        """, 2, 1, "invalid YAML: expected ',' or '}', but got <scalar>, "
                        + "while parsing a flow mapping that starts at line 1, column 13"),
                arguments("empty file", """
                        # nothing but a comment
                        """, -1, -1, "the file is empty: expected a mapping with the keys "
                        + "repository, providers and sources"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFile_namesPlaceAndExpectedForm(String description, String yaml, int line,
            int column, String message) throws IOException {
        Path file = ConfigFiles.write(folder, yaml);

        ConfigException error = ConfigFiles.loadError(file);

        String place = line < 0 ? file + ": " : file + ":" + line + ":" + column + ": ";
        assertThat(error.getMessage()).startsWith(place);
        assertThat(error.getMessage().substring(place.length())).startsWith(message);
        assertThat(List.of(error.line(), error.column())).containsExactly(line, column);
    }
}
