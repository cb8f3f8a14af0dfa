package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.ProviderConfig;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.LoggingProvider;
import dev.holdfast.storage.RetrySettings;
import dev.holdfast.storage.RetryingProvider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Files;

/** Creates the {@link Provider} that a provider entry of the configuration describes. */
final class ProviderFactory {
    private ProviderFactory() {
    }

    /** Returns a provider for a new repository, creating its folder when missing. */
    static Provider create(ProviderConfig config) throws CliException, StorageException {
        return filesystem("create", config);
    }

    /** Returns the provider of an existing repository. */
    static Provider open(ProviderConfig config) throws CliException, StorageException {
        if (!Files.isDirectory(config.path())) {
            throw new CliException(ExitCodes.REPOSITORY_NOT_FOUND, "repository not found: "
                    + "folder \"" + config.path() + "\" of provider \"" + config.name()
                    + "\" does not exist; run holdfast init to create a repository there");
        }
        return filesystem("open", config);
    }

    /** Wraps the driver in retries and per-call DEBUG logging, as every provider is used. */
    private static Provider filesystem(String factory, ProviderConfig config)
            throws CliException, StorageException {
        if (!config.driver().equals(ProviderConfig.FILESYSTEM)) {
            throw new CliException(ExitCodes.USAGE, "unknown driver \"" + config.driver()
                    + "\" for provider \"" + config.name() + "\": expected filesystem");
        }
        Provider driver = factory.equals("create")
                ? FileSystemProvider.create(config.name(), config.path())
                : FileSystemProvider.open(config.name(), config.path());
        return new LoggingProvider(new RetryingProvider(driver, RetrySettings.defaults()));
    }
}
