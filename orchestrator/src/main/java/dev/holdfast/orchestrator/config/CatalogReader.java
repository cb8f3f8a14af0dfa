package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.CatalogSection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code catalog} section, which may be missing: the defaults then apply. */
final class CatalogReader {
    private static final KeyPath CATALOG = KeyPath.ROOT.key("catalog");
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";

    private final ConfigValidator validator;

    CatalogReader(ConfigValidator validator) {
        this.validator = validator;
    }

    CatalogConfig read(CatalogSection section, Path configFile) throws ConfigException {
        CatalogConfig defaults = CatalogConfig.defaults(configFile);
        if (section == null) {
            return defaults;
        }
        boolean enabled = !Boolean.FALSE.equals(section.enabled());
        Path path = defaults.path();
        if (section.path() != null) {
            KeyPath at = CATALOG.key("path");
            String text = validator.text(section.path(), at, "expected a folder such as "
                    + "./holdfast-catalog");
            if (text.contains(";")) {
                // H2 reads settings after a semicolon in its URL.
                throw validator.fail(at, "invalid path \"" + text + "\" for " + at
                        + ": expected a folder whose name has no semicolon");
            }
            path = validator.resolve(text, at);
        }
        Optional<String> url = Optional.ofNullable(url(section.url()));
        Optional<String> user = optionalText(section.user(), CATALOG.key("user"));
        Optional<String> passwordEnv = optionalText(section.passwordEnv(),
                CATALOG.key("password-env"));
        Optional<Path> passwordFile = Optional.empty();
        if (section.passwordFile() != null) {
            KeyPath at = CATALOG.key("password-file");
            passwordFile = Optional.of(validator.resolve(validator.text(section.passwordFile(),
                    at, "expected a file that holds the password"), at));
        }
        if (url.isEmpty() && (user.isPresent() || passwordEnv.isPresent()
                || passwordFile.isPresent())) {
            throw validator.fail(CATALOG, "user and password keys in " + CATALOG + " apply to "
                    + "a PostgreSQL catalog: add catalog.url, such as "
                    + "jdbc:postgresql://db.example:5432/holdfast");
        }
        if (passwordEnv.isPresent() && passwordFile.isPresent()) {
            throw validator.fail(CATALOG.key("password-file"), "both password-env and "
                    + "password-file in " + CATALOG + ": expected one of them");
        }
        return new CatalogConfig(enabled, path, url, user, passwordEnv, passwordFile);
    }

    private String url(String value) throws ConfigException {
        if (value == null) {
            return null;
        }
        KeyPath at = CATALOG.key("url");
        String url = validator.text(value, at, "expected a URL such as "
                + "jdbc:postgresql://db.example:5432/holdfast");
        if (url.toLowerCase(Locale.ROOT).contains("password")) {
            // The message leaves the URL out, because it contains a secret.
            throw validator.fail(at, at + " names a password, but a credential is never "
                    + "written in the configuration file: remove it from the URL and name an "
                    + "environment variable in catalog.password-env or a file in "
                    + "catalog.password-file");
        }
        if (!url.startsWith(POSTGRESQL_PREFIX)) {
            throw validator.fail(at, "unsupported catalog URL \"" + url + "\" for " + at
                    + ": expected " + POSTGRESQL_PREFIX + "HOST:PORT/DATABASE, or no url for "
                    + "the embedded catalog in catalog.path");
        }
        return url;
    }

    private Optional<String> optionalText(String value, KeyPath at) throws ConfigException {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(validator.text(value, at, "expected a text value"));
    }
}
