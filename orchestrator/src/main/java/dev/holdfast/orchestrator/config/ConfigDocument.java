package dev.holdfast.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The configuration file as written, bound by Jackson before any check. Every component may
 * be null where the key is missing; {@link ConfigValidator} turns this into a
 * {@link HoldfastConfig} or an error with the place of the problem.
 */
record ConfigDocument(RepositorySection repository, List<ProviderSection> providers,
        List<SourceSection> sources) {

    /** The {@code repository} mapping. */
    record RepositorySection(List<String> providers, ChunkerSection chunker,
            @JsonProperty("pack-size") ByteSize packSize, Integer compression) {
    }

    /** The {@code repository.chunker} mapping. */
    record ChunkerSection(ByteSize min, ByteSize average, ByteSize max) {
    }

    /** One entry of the {@code providers} list. */
    record ProviderSection(String name, String driver, String path) {
    }

    /** One entry of the {@code sources} list. */
    record SourceSection(String name, List<String> paths, List<String> exclude) {
    }
}
