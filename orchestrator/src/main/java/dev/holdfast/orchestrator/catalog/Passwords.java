package dev.holdfast.orchestrator.catalog;

import dev.holdfast.orchestrator.config.CatalogConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads the password of a PostgreSQL catalog from where the configuration points. */
final class Passwords {
    private Passwords() {
    }

    /** Returns the password, or null when the configuration names no source for one. */
    static String read(CatalogConfig config, Map<String, String> environment)
            throws CatalogException {
        if (config.passwordEnv().isPresent()) {
            String name = config.passwordEnv().get();
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw new CatalogException("environment variable " + name + ", named by "
                        + "catalog.password-env, is not set: set it to the catalog database's "
                        + "password");
            }
            return value;
        }
        if (config.passwordFile().isPresent()) {
            Path file = config.passwordFile().get();
            try {
                // A trailing newline, which editors add, is not part of the password.
                return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
            } catch (IOException e) {
                throw new CatalogException("cannot read password file \"" + file + "\", named "
                        + "by catalog.password-file: " + e.getClass().getSimpleName(), e);
            }
        }
        return null;
    }
}
