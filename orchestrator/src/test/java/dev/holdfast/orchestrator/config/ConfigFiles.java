package dev.holdfast.orchestrator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files written to a test folder, and the error that loading one raises. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** Writes {@code yaml} to {@code folder}/etc/holdfast.yaml and returns its path. */
    static Path write(Path folder, String yaml) throws IOException {
        Path configFolder = Files.createDirectories(folder.resolve("etc"));
        return Files.writeString(configFolder.resolve("holdfast.yaml"), yaml);
    }

    /** Loads {@code file} and returns the ConfigException it raises, failing when none is. */
    static ConfigException loadError(Path file) {
        try {
            ConfigLoader.load(file);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for " + file);
    }
}
