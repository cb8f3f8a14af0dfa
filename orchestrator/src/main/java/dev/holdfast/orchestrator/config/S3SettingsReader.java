package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.ObjectLockSection;
import dev.holdfast.orchestrator.config.ConfigDocument.ProviderSection;
import dev.holdfast.storage.s3.Addressing;
import dev.holdfast.storage.s3.ConditionalCreate;
import dev.holdfast.storage.s3.CredentialSources;
import dev.holdfast.storage.s3.ObjectLock;
import dev.holdfast.storage.s3.S3Settings;
import dev.holdfast.storage.s3.SecretSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Checks the keys of an {@code s3} provider entry and builds its {@link S3Settings}. */
final class S3SettingsReader {
    private static final Map<String, Addressing> ADDRESSING = Map.of(
            "path", Addressing.PATH, "virtual-host", Addressing.VIRTUAL_HOST);
    private static final Map<String, ConditionalCreate> CONDITIONAL_CREATE = Map.of(
            "detect", ConditionalCreate.DETECT,
            "if-none-match", ConditionalCreate.IF_NONE_MATCH,
            "check-then-put", ConditionalCreate.CHECK_THEN_PUT);
    private static final Map<String, ObjectLock.Mode> LOCK_MODES = Map.of(
            "governance", ObjectLock.Mode.GOVERNANCE, "compliance", ObjectLock.Mode.COMPLIANCE);

    private final ConfigValidator validator;

    S3SettingsReader(ConfigValidator validator) {
        this.validator = validator;
    }

    S3Settings read(ProviderSection section, KeyPath at) throws ConfigException {
        if (section.path() != null) {
            throw validator.fail(at.key("path"), "key \"path\" in " + at + " belongs to the "
                    + "filesystem driver: an s3 provider names endpoint, bucket and prefix");
        }
        URI endpoint = endpoint(section.endpoint(), at.key("endpoint"));
        String bucket = checked(validator.text(section.bucket(), at.key("bucket"),
                "expected a bucket name such as holdfast-backups"), at.key("bucket"),
                S3Settings::checkBucket);
        S3Settings.Builder builder =
                S3Settings.builder(endpoint, bucket, credentials(section, at));
        location(section, at, builder);
        transfer(section, at, builder);
        if (section.conditionalCreate() != null) {
            builder.conditionalCreate(choice(section.conditionalCreate(),
                    at.key("conditional-create"), CONDITIONAL_CREATE));
        }
        if (section.objectLock() != null) {
            builder.objectLock(objectLock(section.objectLock(), at.key("object-lock")));
        }
        return builder.build();
    }

    /** Reads the region, prefix, addressing and CA file. */
    private void location(ProviderSection section, KeyPath at, S3Settings.Builder builder)
            throws ConfigException {
        if (section.region() != null) {
            builder.region(validator.text(section.region(), at.key("region"),
                    "expected a region such as eu-central-1"));
        }
        if (section.prefix() != null) {
            builder.prefix(checked(section.prefix(), at.key("prefix"), S3Settings::checkPrefix));
        }
        if (section.addressing() != null) {
            builder.addressing(choice(section.addressing(), at.key("addressing"), ADDRESSING));
        }
        if (section.caFile() != null) {
            builder.caFile(validator.resolve(validator.text(section.caFile(), at.key("ca-file"),
                    "expected a PEM file of certificates"), at.key("ca-file")));
        }
    }

    /** Reads the timeouts and the part size. */
    private void transfer(ProviderSection section, KeyPath at, S3Settings.Builder builder)
            throws ConfigException {
        if (section.connectTimeout() != null) {
            builder.connectTimeout(timeout(section.connectTimeout(), at.key("connect-timeout")));
        }
        if (section.readTimeout() != null) {
            builder.readTimeout(timeout(section.readTimeout(), at.key("read-timeout")));
        }
        if (section.writeTimeout() != null) {
            builder.writeTimeout(timeout(section.writeTimeout(), at.key("write-timeout")));
        }
        if (section.partSize() != null) {
            builder.partSize(partSize(section.partSize(), at.key("part-size")));
        }
    }

    private URI endpoint(String text, KeyPath at) throws ConfigException {
        String value = validator.text(text, at,
                "expected the server's URL, such as https://s3.eu-central-1.amazonaws.com");
        URI endpoint;
        try {
            endpoint = new URI(value);
        } catch (URISyntaxException e) {
            throw validator.fail(at, "invalid endpoint \"" + value + "\" for " + at + ": "
                    + e.getReason() + "; expected a URL such as https://s3.example.com");
        }
        return checked(endpoint, at, S3Settings::checkEndpoint);
    }

    private CredentialSources credentials(ProviderSection section, KeyPath at)
            throws ConfigException {
        SecretSource accessKey = source(section.accessKeyEnv(), section.accessKeyFile(), at,
                "access-key");
        SecretSource secretKey = source(section.secretKeyEnv(), section.secretKeyFile(), at,
                "secret-key");
        return new CredentialSources(accessKey, secretKey);
    }

    /** Reads {@code name-env} or {@code name-file}, exactly one of which must be given. */
    private SecretSource source(String variable, String file, KeyPath at, String name)
            throws ConfigException {
        KeyPath envAt = at.key(name + "-env");
        KeyPath fileAt = at.key(name + "-file");
        if (variable != null && file != null) {
            throw validator.fail(fileAt, "both " + envAt + " and " + fileAt + " are set: "
                    + "expected one source for the " + name.replace('-', ' '));
        }
        if (file != null) {
            return SecretSource.file(validator.resolve(validator.text(file, fileAt,
                    "expected a file that holds the " + name.replace('-', ' ')), fileAt));
        }
        if (variable == null && !validator.written(envAt)) {
            throw validator.fail(at, "missing key \"" + name + "-env\" or \"" + name
                    + "-file\" in " + at + ": expected the name of an environment variable or "
                    + "a file that holds the " + name.replace('-', ' '));
        }
        return SecretSource.variable(validator.text(variable, envAt,
                "expected the name of an environment variable, such as S3_SECRET_KEY"));
    }

    private Duration timeout(Duration value, KeyPath at) throws ConfigException {
        if (value.isZero()) {
            throw validator.fail(at, "invalid duration 0 for " + at + ": expected a positive "
                    + "duration such as 30s");
        }
        return value;
    }

    private long partSize(ByteSize size, KeyPath at) throws ConfigException {
        if (size.bytes() < S3Settings.MIN_PART_SIZE || size.bytes() > S3Settings.MAX_PART_SIZE) {
            throw validator.fail(at, "invalid size " + size + " for " + at + ": expected at "
                    + "least 5MiB, the smallest part S3 accepts, and less than 2GiB");
        }
        return size.bytes();
    }

    private ObjectLock objectLock(ObjectLockSection section, KeyPath at) throws ConfigException {
        ObjectLock.Mode mode = choice(validator.text(section.mode(), at.key("mode"),
                "expected governance or compliance"), at.key("mode"), LOCK_MODES);
        Duration retention = validator.required(section.retention(), at.key("retention"),
                "expected a duration such as 30d");
        if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw validator.fail(at.key("retention"), "invalid duration for "
                    + at.key("retention") + ": expected at least 1s, such as 30d");
        }
        return new ObjectLock(mode, retention);
    }

    private <T> T choice(String text, KeyPath at, Map<String, T> choices)
            throws ConfigException {
        T value = choices.get(text.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw validator.fail(at, "invalid value \"" + text + "\" for " + at + ": expected "
                    + String.join(" or ", choices.keySet().stream().sorted().toList()));
        }
        return value;
    }

    /** A check of {@link S3Settings} that throws IllegalArgumentException with the reason. */
    @FunctionalInterface
    private interface Check<T> {
        T apply(T value);
    }

    private <T> T checked(T value, KeyPath at, Check<T> check) throws ConfigException {
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            throw validator.fail(at, "invalid " + at + ": " + e.getMessage());
        }
    }
}
