package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.ProviderConfig;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.LoggingProvider;
import dev.holdfast.storage.RetrySettings;
import dev.holdfast.storage.RetryingProvider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Creates the {@link Provider} that a provider entry of the configuration describes. */
final class ProviderFactory {
    /**
     * The file of the repository's config object. A folder that contains it is a repository,
     * and init leaves it to the engine to report that one exists already.
     */
    private static final String CONFIG_OBJECT = "config";
    /** The folder of the driver's temporary files, which it creates when it opens a folder. */
    private static final String TEMP_FOLDER = ".tmp";

    private ProviderFactory() {
    }

    /** Returns a provider for a new repository, creating its folder when missing. */
    static Provider create(ProviderConfig config) throws CliException, StorageException {
        checkNewRepositoryFolder(config);
        return filesystem("create", config);
    }

    /**
     * Rejects a folder that init must not fill: a file, or a folder with other content that
     * is not a repository, since the repository's objects would mix with it.
     */
    static void checkNewRepositoryFolder(ProviderConfig config) throws CliException {
        Path folder = config.path();
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new CliException(ExitCodes.USAGE, "path \"" + folder + "\" of provider \""
                    + config.name() + "\" is a file, not a folder; init needs a new or empty "
                    + "folder");
        }
        if (Files.exists(folder.resolve(CONFIG_OBJECT)) || isEmpty(folder)) {
            return;
        }
        throw new CliException(ExitCodes.USAGE, "folder \"" + folder + "\" is not empty; init "
                + "needs a new or empty folder, so set another path for provider \""
                + config.name() + "\" or empty this one");
    }

    /** Returns whether {@code folder} contains nothing but the driver's temporary folder. */
    private static boolean isEmpty(Path folder) throws CliException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.allMatch(entry -> entry.getFileName().toString().equals(TEMP_FOLDER));
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "folder \"" + folder + "\" cannot be "
                    + "read: " + IoFailures.reason(e), e);
        }
    }

    /** Returns the provider of an existing repository. */
    static Provider open(ProviderConfig config) throws CliException, StorageException {
        if (Files.exists(config.path()) && !Files.isDirectory(config.path())) {
            throw new CliException(ExitCodes.REPOSITORY_NOT_FOUND, "repository not found: "
                    + "path \"" + config.path() + "\" of provider \"" + config.name()
                    + "\" is a file, not a folder; set the provider's path to the folder of "
                    + "the repository");
        }
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
