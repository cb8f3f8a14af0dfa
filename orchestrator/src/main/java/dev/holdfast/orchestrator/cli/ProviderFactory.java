package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.ProviderConfig;
import dev.holdfast.orchestrator.config.RepositoryConfig;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.storage.AppendOnlyProvider;
import dev.holdfast.storage.LoggingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.RetrySettings;
import dev.holdfast.storage.RetryingProvider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.UnavailableProvider;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.filesystem.IoFailures;
import dev.holdfast.storage.s3.S3Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
    /** Name of the replicated store in messages, as opposed to one of its providers. */
    private static final String REPLICATED_NAME = "replicated";

    private ProviderFactory() {
    }

    /**
     * Returns a provider for a new repository, creating its folder when missing. An S3 bucket
     * must exist; the repository checks that nothing is stored under the prefix.
     *
     * @param environment environment variables that credential sources may name
     */
    static Provider create(ProviderConfig config, Map<String, String> environment)
            throws CliException, StorageException {
        if (config.s3().isPresent()) {
            return s3(config, environment);
        }
        checkNewRepositoryFolder(config);
        return filesystem("create", config);
    }

    /**
     * Rejects a folder that init must not fill: a file, or a folder with other content that
     * is not a repository, since the repository's objects would mix with it. Providers other
     * than filesystem ones pass.
     */
    static void checkNewRepositoryFolder(ProviderConfig config) throws CliException {
        if (config.s3().isPresent()) {
            return;
        }
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

    /**
     * Returns the provider of an existing repository.
     *
     * @param environment environment variables that credential sources may name
     */
    static Provider open(ProviderConfig config, Map<String, String> environment)
            throws CliException, StorageException {
        if (config.s3().isPresent()) {
            return s3(config, environment);
        }
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

    /** Opens a provider that is to receive a copy of the repository, creating its folder. */
    private static Provider seed(ProviderConfig config, Map<String, String> environment)
            throws CliException, StorageException {
        return config.s3().isPresent() ? s3(config, environment) : filesystem("create", config);
    }

    private static Provider filesystem(String factory, ProviderConfig config)
            throws CliException, StorageException {
        if (!config.driver().equals(ProviderConfig.FILESYSTEM)) {
            throw new CliException(ExitCodes.USAGE, "unknown driver \"" + config.driver()
                    + "\" for provider \"" + config.name() + "\": expected filesystem or s3");
        }
        Provider driver = factory.equals("create")
                ? FileSystemProvider.create(config.name(), config.path())
                : FileSystemProvider.open(config.name(), config.path());
        return decorated(config, driver);
    }

    private static Provider s3(ProviderConfig config, Map<String, String> environment)
            throws StorageException {
        return decorated(config, S3Provider.open(config.name(), config.s3().orElseThrow(),
                environment));
    }

    /**
     * Returns the provider of an existing repository: the single configured provider as it
     * is, or several wrapped in a {@link ReplicatedProvider} that follows the placement. The
     * provider named {@code seeded} is opened as a new one: its folder is created when
     * missing, because copy is about to fill it.
     *
     * @param seeded the name of a provider of several to open as new, or null for none
     * @param warnings receives one line for each provider that could not be opened and is
     *     treated as down
     */
    static Provider openRepository(HoldfastConfig config, Map<String, String> environment,
            String seeded, Consumer<String> warnings) throws CliException, StorageException {
        List<ProviderConfig> entries = config.repositoryProviders();
        if (entries.size() == 1) {
            return open(entries.getFirst(), environment);
        }
        List<Provider> opened = new ArrayList<>();
        Exception firstFailure = null;
        try {
            for (ProviderConfig entry : entries) {
                if (entry.name().equals(seeded)) {
                    opened.add(seed(entry, environment));
                    continue;
                }
                // One provider that cannot be opened must not stop the command, because the
                // others may have every copy. It is treated as down, so replication fails over
                // or counts it against the write quorum.
                try {
                    opened.add(open(entry, environment));
                } catch (CliException | StorageException e) {
                    firstFailure = firstFailure == null ? e : firstFailure;
                    warnings.accept("provider \"" + entry.name() + "\" could not be opened, so it "
                            + "counts as down and the others serve the command: " + e.getMessage());
                    opened.add(new UnavailableProvider(entry.name(), e.getMessage()));
                }
            }
        } catch (CliException | StorageException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        if (opened.stream().allMatch(UnavailableProvider.class::isInstance)) {
            throwFirst(firstFailure);
        }
        return replicated(config, opened);
    }

    /** Returns the provider for a new repository, creating every configured one. */
    static Provider createRepository(HoldfastConfig config, Map<String, String> environment)
            throws CliException, StorageException {
        List<ProviderConfig> entries = config.repositoryProviders();
        if (entries.size() == 1) {
            return create(entries.getFirst(), environment);
        }
        List<Provider> created = new ArrayList<>();
        try {
            for (ProviderConfig entry : entries) {
                created.add(create(entry, environment));
            }
        } catch (CliException | StorageException | RuntimeException e) {
            closeAll(created);
            throw e;
        }
        return replicated(config, created);
    }

    private static Provider replicated(HoldfastConfig config, List<Provider> providers) {
        RepositoryConfig repository = config.repository();
        return new ReplicatedProvider(REPLICATED_NAME, providers, repository.placement(),
                repository.readTimeout());
    }

    /** Rethrows the failure to open the first provider when none could be opened. */
    private static void throwFirst(Exception failure) throws CliException, StorageException {
        if (failure instanceof CliException cli) {
            throw cli;
        }
        throw (StorageException) failure;
    }

    private static void closeAll(List<Provider> providers) {
        for (Provider provider : providers) {
            try {
                provider.close();
            } catch (StorageException | RuntimeException e) {
                // The failure that stopped the command is the one to report.
            }
        }
    }

    /**
     * Wraps the driver in retries and per-call DEBUG logging, as every provider is used, and
     * an append-only provider in the wrapper that rejects deletes outside the lock objects.
     */
    private static Provider decorated(ProviderConfig config, Provider driver) {
        Provider provider = new LoggingProvider(new RetryingProvider(driver,
                RetrySettings.defaults()));
        return config.appendOnly()
                ? new AppendOnlyProvider(provider, ObjectKind.LOCK.prefix()) : provider;
    }
}
