package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.ChunkerSection;
import dev.holdfast.orchestrator.config.ConfigDocument.ProviderSection;
import dev.holdfast.orchestrator.config.ConfigDocument.RepositorySection;
import dev.holdfast.orchestrator.config.ConfigDocument.SourceSection;
import dev.holdfast.orchestrator.config.RepositoryConfig.ChunkSizes;
import dev.holdfast.orchestrator.database.DatabaseKind;
import dev.holdfast.repository.backup.Excludes;
import dev.holdfast.repository.placement.Placement;
import dev.holdfast.repository.placement.ProviderFacts;
import dev.holdfast.scheduler.Schedule;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a bound {@link ConfigDocument} for what Jackson cannot: required keys, unique names,
 * references between sections and value ranges, and resolves relative paths against the
 * folder of the file.
 */
final class ConfigValidator {
    /** Highest zstd compression level; level 0 stores chunks uncompressed. */
    private static final int MAX_COMPRESSION = 22;
    private static final KeyPath REPOSITORY = KeyPath.ROOT.key("repository");
    private static final KeyPath PROVIDERS = KeyPath.ROOT.key("providers");
    private static final KeyPath SOURCES = KeyPath.ROOT.key("sources");
    private static final KeyPath RESTORE_TEST = KeyPath.ROOT.key("restore-test");
    /**
     * Wait for one provider's answer to a read before the next copy is tried. An estimate that
     * leaves room for an 8 MiB ranged read over a slow link.
     */
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final LocationIndex index;
    private final Path folder;

    ConfigValidator(Path file, LocationIndex index) {
        this.file = file;
        this.index = index;
        this.folder = file.toAbsolutePath().getParent();
    }

    HoldfastConfig validate(ConfigDocument document) throws ConfigException {
        if (document == null) {
            throw fail(KeyPath.ROOT, "the document is empty: expected a mapping with the keys "
                    + "repository, providers and sources");
        }
        List<ProviderConfig> providers = providers(document.providers());
        RepositoryConfig repository = repository(document.repository(), providers);
        List<SourceConfig> sources = sources(document.sources());
        ScheduleReader schedules = new ScheduleReader(this);
        List<Schedule> all = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            KeyPath at = SOURCES.index(i).key("schedule");
            all.addAll(schedules.source(sources.get(i).name(),
                    document.sources().get(i).schedule(), at));
        }
        all.addAll(schedules.repository(document.repository().schedule(),
                REPOSITORY.key("schedule")));
        schedules.restoreTest(document.restoreTest(), RESTORE_TEST).ifPresent(all::add);
        ServiceConfig service = schedules.service(document.service(), KeyPath.ROOT.key("service"));
        CatalogConfig catalog = new CatalogReader(this).read(document.catalog(), file);
        RestoreTestConfig restoreTest = new RestoreTestReader(this).read(document.restoreTest(),
                RESTORE_TEST, service.stateDir(), sources);
        return new HoldfastConfig(file, repository, providers, sources, all, service, catalog,
                restoreTest);
    }

    private List<ProviderConfig> providers(List<ProviderSection> sections)
            throws ConfigException {
        required(sections, PROVIDERS, "expected a list of providers, each with name, driver "
                + "and path");
        if (sections.isEmpty()) {
            throw fail(PROVIDERS, "no provider in providers: expected at least one, each with "
                    + "name, driver and path");
        }
        List<ProviderConfig> providers = new ArrayList<>();
        Map<String, KeyPath> seen = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            ProviderConfig provider = provider(sections.get(i), PROVIDERS.index(i));
            unique(seen, provider.name(), PROVIDERS.index(i), "provider");
            providers.add(provider);
        }
        return providers;
    }

    private ProviderConfig provider(ProviderSection section, KeyPath at) throws ConfigException {
        if (section == null) {
            throw fail(at, "empty entry " + at
                    + ": expected a mapping with name, driver and path");
        }
        String name = text(section.name(), at.key("name"), "expected a name such as local");
        String driver = text(section.driver(), at.key("driver"), "expected filesystem or s3");
        ProviderFacts facts = new PlacementReader(this).facts(name, section, at);
        boolean appendOnly = Boolean.TRUE.equals(section.appendOnly());
        if (driver.equals(ProviderConfig.S3)) {
            return ProviderConfig.s3(name, new S3SettingsReader(this).read(section, at))
                    .withFacts(facts).withAppendOnly(appendOnly);
        }
        if (!driver.equals(ProviderConfig.FILESYSTEM)) {
            throw fail(at.key("driver"), "unknown driver \"" + driver + "\" for "
                    + at.key("driver") + ": expected filesystem or s3");
        }
        rejectS3Keys(section, at);
        String path = text(section.path(), at.key("path"),
                "expected the folder of the repository, such as ./holdfast-repo");
        return new ProviderConfig(name, driver, resolve(path, at.key("path"))).withFacts(facts)
                .withAppendOnly(appendOnly);
    }

    /** Rejects the keys of the s3 driver in a filesystem entry, where they would be ignored. */
    private void rejectS3Keys(ProviderSection section, KeyPath at) throws ConfigException {
        Map<String, Object> s3Keys = new LinkedHashMap<>();
        s3Keys.put("endpoint", section.endpoint());
        s3Keys.put("region", section.region());
        s3Keys.put("bucket", section.bucket());
        s3Keys.put("prefix", section.prefix());
        s3Keys.put("addressing", section.addressing());
        s3Keys.put("ca-file", section.caFile());
        s3Keys.put("access-key-env", section.accessKeyEnv());
        s3Keys.put("access-key-file", section.accessKeyFile());
        s3Keys.put("secret-key-env", section.secretKeyEnv());
        s3Keys.put("secret-key-file", section.secretKeyFile());
        s3Keys.put("connect-timeout", section.connectTimeout());
        s3Keys.put("read-timeout", section.readTimeout());
        s3Keys.put("write-timeout", section.writeTimeout());
        s3Keys.put("part-size", section.partSize());
        s3Keys.put("conditional-create", section.conditionalCreate());
        s3Keys.put("object-lock", section.objectLock());
        for (Map.Entry<String, Object> key : s3Keys.entrySet()) {
            if (key.getValue() != null || index.contains(at.key(key.getKey()))) {
                throw fail(at.key(key.getKey()), "key \"" + key.getKey() + "\" in " + at
                        + " belongs to the s3 driver: a filesystem provider has only name, "
                        + "driver and path");
            }
        }
    }

    private RepositoryConfig repository(RepositorySection section, List<ProviderConfig> defined)
            throws ConfigException {
        required(section, REPOSITORY, "expected a mapping such as { providers: [local] }");
        KeyPath at = REPOSITORY.key("providers");
        List<String> names = section.providers();
        required(names, at, "expected a list with one provider name, such as [local]");
        if (names.isEmpty()) {
            throw fail(at, "no provider in " + at
                    + ": expected one provider name, such as [local]");
        }
        List<String> known = defined.stream().map(ProviderConfig::name).toList();
        List<ProviderFacts> facts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = text(names.get(i), at.index(i), "expected a provider name");
            if (!known.contains(name)) {
                throw fail(at.index(i), "unknown provider \"" + name + "\" in " + at.index(i)
                        + ": expected one of the names under providers: "
                        + String.join(", ", known));
            }
            if (names.subList(0, i).contains(name)) {
                throw fail(at.index(i), "duplicate provider \"" + name + "\" in " + at.index(i)
                        + ": expected each provider once");
            }
            facts.add(defined.get(known.indexOf(name)).facts());
        }
        Placement placement = new PlacementReader(this).placement(section, facts);
        return new RepositoryConfig(names, chunker(section.chunker()),
                packSize(section.packSize()), compression(section.compression()), placement,
                readTimeout(section.readTimeout()),
                RetentionReader.deletionDelay(this, section.deletionDelay(), REPOSITORY),
                RetentionReader.bulkDeletionShare(this, section.bulkDeletionShare(), REPOSITORY),
                RetentionReader.scrubSlices(this, section.scrubShare(), REPOSITORY));
    }

    private Duration readTimeout(Duration timeout) throws ConfigException {
        if (timeout == null) {
            return DEFAULT_READ_TIMEOUT;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            KeyPath at = REPOSITORY.key("read-timeout");
            throw fail(at, "invalid duration for " + at + ": expected more than zero, such "
                    + "as 30s");
        }
        return timeout;
    }

    private Optional<ChunkSizes> chunker(ChunkerSection section) throws ConfigException {
        KeyPath at = REPOSITORY.key("chunker");
        if (section == null) {
            return Optional.empty();
        }
        String expected = "expected a size such as 1MiB; min, average and max are set together";
        int min = intSize(required(section.min(), at.key("min"), expected), at.key("min"));
        int average = intSize(required(section.average(), at.key("average"), expected),
                at.key("average"));
        int max = intSize(required(section.max(), at.key("max"), expected), at.key("max"));
        if (Integer.bitCount(average) != 1) {
            throw fail(at.key("average"), "invalid size " + new ByteSize(average) + " for "
                    + at.key("average") + ": expected a power of two, such as 1MiB");
        }
        if (min >= average || average >= max) {
            throw fail(at, "invalid chunk sizes in " + at + " (min " + new ByteSize(min)
                    + ", average " + new ByteSize(average) + ", max " + new ByteSize(max)
                    + "): expected min < average < max");
        }
        return Optional.of(new ChunkSizes(min, average, max));
    }

    private OptionalInt packSize(ByteSize size) throws ConfigException {
        return size == null
                ? OptionalInt.empty()
                : OptionalInt.of(intSize(size, REPOSITORY.key("pack-size")));
    }

    private OptionalInt compression(Integer level) throws ConfigException {
        if (level == null) {
            return OptionalInt.empty();
        }
        if (level < 0 || level > MAX_COMPRESSION) {
            KeyPath at = REPOSITORY.key("compression");
            throw fail(at, "invalid compression level " + level + " for " + at
                    + ": expected 0 (off) to " + MAX_COMPRESSION);
        }
        return OptionalInt.of(level);
    }

    private List<SourceConfig> sources(List<SourceSection> sections) throws ConfigException {
        if (sections == null) {
            return List.of();
        }
        List<SourceConfig> sources = new ArrayList<>();
        Map<String, KeyPath> seen = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            SourceConfig source = source(sections.get(i), SOURCES.index(i));
            unique(seen, source.name(), SOURCES.index(i), "source");
            sources.add(source);
        }
        return sources;
    }

    private SourceConfig source(SourceSection section, KeyPath at) throws ConfigException {
        if (section == null) {
            throw fail(at, "empty entry " + at + ": expected a mapping with name and paths");
        }
        String name = text(section.name(), at.key("name"), "expected a name such as documents");
        Optional<RetentionConfig> retention = new RetentionReader(this).read(section.retention(),
                at.key("retention"));
        int kinds = (section.paths() != null || written(at.key("paths")) ? 1 : 0)
                + (section.postgresql() != null || written(at.key("postgresql")) ? 1 : 0)
                + (section.mariadb() != null || written(at.key("mariadb")) ? 1 : 0);
        if (kinds > 1) {
            throw fail(at, "source \"" + name + "\" in " + at + " names more than one of "
                    + "paths, postgresql and mariadb: expected exactly one");
        }
        if (section.postgresql() != null || written(at.key("postgresql"))
                || section.mariadb() != null || written(at.key("mariadb"))) {
            return databaseSource(name, section, retention, at);
        }
        if (section.guard() != null) {
            throw fail(at.key("guard"), "guard in " + at + " applies only to database sources:"
                    + " remove it or give postgresql or mariadb instead of paths");
        }
        List<String> paths = section.paths();
        required(paths, at.key("paths"), "expected a list of files or folders, such as [/srv]");
        if (paths.isEmpty()) {
            throw fail(at.key("paths"), "no path in " + at.key("paths")
                    + ": expected a list of files or folders, such as [/srv]");
        }
        List<Path> resolved = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            KeyPath pathAt = at.key("paths").index(i);
            resolved.add(resolve(text(paths.get(i), pathAt, "expected a file or folder"), pathAt));
        }
        return new SourceConfig(name, resolved, excludes(section.exclude(), at.key("exclude")),
                retention);
    }

    private SourceConfig databaseSource(String name, SourceSection section,
            Optional<RetentionConfig> retention, KeyPath at) throws ConfigException {
        if (section.exclude() != null) {
            throw fail(at.key("exclude"), "exclude in " + at + " applies only to file sources");
        }
        DatabaseReader reader = new DatabaseReader(this);
        boolean postgres = section.postgresql() != null || written(at.key("postgresql"));
        DatabaseSourceConfig database = postgres
                ? reader.database(DatabaseKind.POSTGRESQL, section.postgresql(),
                        at.key("postgresql"))
                : reader.database(DatabaseKind.MARIADB, section.mariadb(),
                        at.key("mariadb"));
        return new SourceConfig(name, List.of(), List.of(), retention, Optional.of(database),
                reader.guard(section.guard(), at.key("guard")));
    }

    private List<String> excludes(List<String> patterns, KeyPath at) throws ConfigException {
        if (patterns == null) {
            return List.of();
        }
        String expected = "expected a glob pattern such as \"*.tmp\"";
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = text(patterns.get(i), at.index(i), expected);
            Optional<String> problem = Excludes.problem(pattern);
            if (problem.isPresent()) {
                throw fail(at.index(i), "invalid glob \"" + pattern + "\" for " + at.index(i)
                        + ": " + problem.get() + "; " + expected);
            }
        }
        return patterns;
    }

    private void unique(Map<String, KeyPath> seen, String name, KeyPath at, String kind)
            throws ConfigException {
        KeyPath earlier = seen.putIfAbsent(name, at);
        if (earlier != null) {
            throw fail(at.key("name"), "duplicate " + kind + " name \"" + name + "\" in "
                    + at.key("name") + ": expected a name that no other " + kind + " uses ("
                    + earlier + " is also named \"" + name + "\")");
        }
    }

    private int intSize(ByteSize size, KeyPath at) throws ConfigException {
        if (size.bytes() < 1 || size.bytes() > Integer.MAX_VALUE) {
            throw fail(at, "invalid size " + size + " for " + at
                    + ": expected at least 1 byte and less than 2GiB");
        }
        return (int) size.bytes();
    }

    Path resolve(String path, KeyPath at) throws ConfigException {
        try {
            return folder.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw fail(at, "invalid path \"" + path + "\" for " + at + ": " + e.getReason());
        }
    }

    String text(String value, KeyPath at, String expected) throws ConfigException {
        required(value, at, expected);
        if (value.isBlank()) {
            throw fail(at, "empty value for " + at + ": " + expected);
        }
        return value;
    }

    /** Rejects a missing key, or a key written without a value, at the closest place known. */
    <T> T required(T value, KeyPath at, String expected) throws ConfigException {
        if (value != null) {
            return value;
        }
        if (index.contains(at)) {
            throw fail(at, "empty value for " + at + ": " + expected);
        }
        String key = at.segments().getLast().toString();
        String where = at.parent().isRoot() ? "at the top level" : "in " + at.parent();
        throw fail(at.parent(), "missing key \"" + key + "\" " + where + ": " + expected);
    }

    ConfigException fail(KeyPath at, String message) {
        return ConfigException.at(file, index.value(at), message);
    }

    /** Returns whether the file writes the key at {@code at}, even without a value. */
    boolean written(KeyPath at) {
        return index.contains(at);
    }
}
