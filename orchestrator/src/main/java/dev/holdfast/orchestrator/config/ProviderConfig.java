package dev.holdfast.orchestrator.config;

import java.nio.file.Path;

/**
 * One entry of the {@code providers} section.
 *
 * @param name unique name used in messages and in {@code repository.providers}
 * @param driver storage driver; {@value #FILESYSTEM} is the only one in this release
 * @param path absolute folder of a {@code filesystem} provider
 */
public record ProviderConfig(String name, String driver, Path path) {
    public static final String FILESYSTEM = "filesystem";
}
