package dev.holdfast.orchestrator.config;

import dev.holdfast.repository.placement.ProviderFacts;
import dev.holdfast.storage.s3.S3Settings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@code providers} section.
 *
 * @param name unique name used in messages and in {@code repository.providers}
 * @param driver storage driver, {@value #FILESYSTEM} or {@value #S3}
 * @param path absolute folder of a {@code filesystem} provider; null for other drivers
 * @param s3 settings of an {@code s3} provider; empty for other drivers
 * @param facts operator, location and jurisdictions, for placement rules
 * @param appendOnly the provider's credential can add and read but not delete, so commands
 *     that delete refuse to run
 */
public record ProviderConfig(String name, String driver, Path path, Optional<S3Settings> s3,
        ProviderFacts facts, boolean appendOnly) {
    public static final String FILESYSTEM = "filesystem";
    public static final String S3 = "s3";

    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(facts, "facts");
    }

    /** Creates an entry whose credential can delete. */
    public ProviderConfig(String name, String driver, Path path, Optional<S3Settings> s3,
            ProviderFacts facts) {
        this(name, driver, path, s3, facts, false);
    }

    /** Creates the entry of a {@code filesystem} provider that states no facts. */
    public ProviderConfig(String name, String driver, Path path) {
        this(name, driver, path, Optional.empty(), ProviderFacts.unknown(name));
    }

    /** Creates the entry of an {@code s3} provider that states no facts. */
    public static ProviderConfig s3(String name, S3Settings settings) {
        return new ProviderConfig(name, S3, null, Optional.of(settings),
                ProviderFacts.unknown(name));
    }

    /** Returns this entry with {@code facts}. */
    public ProviderConfig withFacts(ProviderFacts facts) {
        return new ProviderConfig(name, driver, path, s3, facts, appendOnly);
    }

    /** Returns this entry with the {@code append-only} setting. */
    public ProviderConfig withAppendOnly(boolean appendOnly) {
        return new ProviderConfig(name, driver, path, s3, facts, appendOnly);
    }

    /** Describes where the provider stores objects, such as a folder or a bucket. */
    public String location() {
        return s3.map(S3Settings::describe).orElseGet(() -> String.valueOf(path));
    }
}
