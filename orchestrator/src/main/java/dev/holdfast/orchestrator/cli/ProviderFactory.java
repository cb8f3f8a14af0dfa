package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.ProviderConfig;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the {@link Provider} that a provider entry of the configuration describes. */
final class ProviderFactory {
    private static final String FILESYSTEM_DRIVER =
            "dev.holdfast.storage.filesystem.FileSystemProvider";

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

    // TODO: the filesystem driver is called by reflection because it is not yet in this
    // branch; once it is, call FileSystemProvider.create and FileSystemProvider.open directly.
    private static Provider filesystem(String factory, ProviderConfig config)
            throws CliException, StorageException {
        if (!config.driver().equals(ProviderConfig.FILESYSTEM)) {
            throw new CliException(ExitCodes.USAGE, "unknown driver \"" + config.driver()
                    + "\" for provider \"" + config.name() + "\": expected filesystem");
        }
        try {
            Method method = Class.forName(FILESYSTEM_DRIVER)
                    .getMethod(factory, String.class, Path.class);
            return (Provider) method.invoke(null, config.name(), config.path());
        } catch (ReflectiveOperationException e) {
            if (e instanceof InvocationTargetException invocation) {
                throw rethrow(invocation.getCause());
            }
            throw new CliException(ExitCodes.FAILURE, "the filesystem driver is missing from "
                    + "this build of holdfast (" + e + ")", e);
        }
    }

    private static StorageException rethrow(Throwable cause) {
        if (cause instanceof StorageException storage) {
            return storage;
        } else if (cause instanceof RuntimeException runtime) {
            throw runtime;
        } else if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("filesystem driver failed", cause);
    }
}
