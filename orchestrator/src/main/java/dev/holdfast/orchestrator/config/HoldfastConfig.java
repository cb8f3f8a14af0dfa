package dev.holdfast.orchestrator.config;

import dev.holdfast.scheduler.Schedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated configuration file: every provider name is unique, the repository names only
 * defined providers, and every path is absolute.
 *
 * @param file the file it was read from, as given
 * @param repository where and how the repository is stored
 * @param providers every provider defined, in file order
 * @param sources every source defined, in file order; may be empty
 * @param schedules the scheduled jobs: each source's backup, then the repository's jobs
 * @param service settings of {@code holdfast serve}
 * @param catalog where the catalog database lives
 * @param restoreTest settings of restore tests
 */
public record HoldfastConfig(Path file, RepositoryConfig repository,
        List<ProviderConfig> providers, List<SourceConfig> sources, List<Schedule> schedules,
        ServiceConfig service, CatalogConfig catalog, RestoreTestConfig restoreTest) {

    public HoldfastConfig {
        providers = List.copyOf(providers);
        sources = List.copyOf(sources);
        schedules = List.copyOf(schedules);
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(restoreTest, "restoreTest");
    }

    /** Creates a configuration with the default restore test settings. */
    public HoldfastConfig(Path file, RepositoryConfig repository,
            List<ProviderConfig> providers, List<SourceConfig> sources,
            List<Schedule> schedules, ServiceConfig service, CatalogConfig catalog) {
        this(file, repository, providers, sources, schedules, service, catalog,
                RestoreTestConfig.defaults(service.stateDir()));
    }

    /** Returns the provider that stores the repository (this release supports exactly one). */
    /** Returns the repository's providers, in the order of {@code repository.providers}. */
    public List<ProviderConfig> repositoryProviders() {
        return repository.providers().stream().map(name -> providers.stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow()).toList();
    }

    public ProviderConfig repositoryProvider() {
        String name = repository.providers().getFirst();
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** Returns the source with this name, if the file defines one. */
    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
