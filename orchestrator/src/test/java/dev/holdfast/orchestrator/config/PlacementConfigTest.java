package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.repository.placement.ProviderFacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementConfigTest {
    private static final String THREE = """
            repository:
              providers: [frankfurt, zurich, oslo]
              copies: 3
              differ-by: [operator, jurisdiction]
              exclude-jurisdictions: [US]
              write-quorum: 2
              read-timeout: 5s
            providers:
              - name: frankfurt
                driver: filesystem
                path: /a
                operator: Acme
                location: DE
                jurisdiction: [EU, DE]
              - name: zurich
                driver: filesystem
                path: /b
                operator: Alpine
                location: CH
                jurisdiction: [CH]
              - name: oslo
                driver: filesystem
                path: /c
                operator: Fjord
                location: "NO"
                jurisdiction: ["NO"]
            """;

    @TempDir
    Path folder;

    @Test
    void threeProviders_bindFactsAndRules() throws Exception {
        HoldfastConfig config = ConfigLoader.load(ConfigFiles.write(folder, THREE));

        RepositoryConfig repository = config.repository();
        assertThat(repository.placement().targets())
                .containsExactly("frankfurt", "zurich", "oslo");
        assertThat(repository.placement().rules().writeQuorum()).isEqualTo(2);
        assertThat(repository.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.repositoryProviders().getFirst().facts()).isEqualTo(
                new ProviderFacts("frankfurt", "Acme", "DE", List.of("EU", "DE")));
    }

    @Test
    void noRules_meanOneCopyOnTheOnlyProvider() throws Exception {
        HoldfastConfig config = ConfigLoader.load(ConfigFiles.write(folder, """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: /r }]
                """));

        assertThat(config.repository().placement().targets()).containsExactly("local");
        assertThat(config.repository().placement().rules().copies()).isEqualTo(1);
        assertThat(config.repository().placement().rules().writeQuorum()).isEqualTo(1);
    }

    @Test
    void quickstartExample_stillLoads() throws Exception {
        HoldfastConfig config = ConfigLoader.load(Path.of("../examples/holdfast.yaml"));

        assertThat(config.repository().placement().targets()).hasSize(1);
    }

    static Stream<Arguments> badFiles() {
        String two = """
                providers:
                  - { name: a, driver: filesystem, path: /a, operator: Acme, location: DE,
                      jurisdiction: [EU] }
                  - { name: b, driver: filesystem, path: /b, operator: Acme, location: FR,
                      jurisdiction: [EU] }
                """;
        return Stream.of(
                arguments("invalid country code", """
                        repository: { providers: [a] }
                        providers: [{ name: a, driver: filesystem, path: /a, location: XY }]
                        """, 2, 64, "invalid location \"XY\" for providers[0].location: "
                        + "expected an ISO 3166-1 alpha-2 country code"),
                arguments("country in small letters", """
                        repository: { providers: [a] }
                        providers: [{ name: a, driver: filesystem, path: /a, location: de }]
                        """, 2, 64, "invalid location \"de\""),
                arguments("more copies than providers", """
                        repository: { providers: [a, b], copies: 3 }
                        """ + two, 1, 42, "placement rule copies 3 cannot be met: the "
                        + "repository has 2 providers (\"a\", \"b\")"),
                arguments("operators do not differ", """
                        repository:
                          providers: [a, b]
                          copies: 2
                          differ-by: [operator]
                        """ + two, 4, 14, "placement rule differ-by [operator] with copies 2 "
                        + "cannot be met: no 2 of the providers \"a\" (operator Acme"),
                arguments("excluded jurisdiction", """
                        repository:
                          providers: [a, b]
                          exclude-jurisdictions: [EU]
                        """ + two, 3, 26, "placement rule exclude-jurisdictions [EU] is "
                        + "broken by provider \"a\" (EU), \"b\" (EU)"),
                arguments("quorum above copies", """
                        repository: { providers: [a, b], copies: 2, write-quorum: 3 }
                        """ + two, 1, 59, "invalid placement rule write-quorum 3: expected "
                        + "1 to copies (2)"),
                arguments("unknown fact", """
                        repository: { providers: [a, b], differ-by: [colour] }
                        """ + two, 1, 46, "unknown fact \"colour\" in "
                        + "repository.differ-by[0]: expected operator, location or "
                        + "jurisdiction"),
                arguments("rule needs a fact a provider lacks", """
                        repository: { providers: [a, c], copies: 2, differ-by: [location] }
                        providers:
                          - { name: a, driver: filesystem, path: /a, location: DE }
                          - { name: c, driver: filesystem, path: /c }
                        """, 1, 56, "placement rule differ-by [location] needs the location "
                        + "of every provider, but \"c\" sets none"),
                arguments("provider named twice", """
                        repository: { providers: [a, a] }
                        """ + two, 1, 30, "duplicate provider \"a\" in "
                        + "repository.providers[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badPlacement_namesPlaceRuleAndProviders(String description, String yaml, int line,
            int column, String message) throws IOException {
        Path file = ConfigFiles.write(folder, yaml);

        ConfigException error = ConfigFiles.loadError(file);

        String place = file + ":" + line + ":" + column + ": ";
        assertThat(error.getMessage()).startsWith(place);
        assertThat(error.getMessage().substring(place.length())).startsWith(message);
    }
}
