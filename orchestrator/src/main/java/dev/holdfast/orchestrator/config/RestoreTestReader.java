package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.ImagesSection;
import dev.holdfast.orchestrator.config.ConfigDocument.ProbeSection;
import dev.holdfast.orchestrator.config.ConfigDocument.RestoreTestSection;
import dev.holdfast.orchestrator.config.RestoreTestConfig.ProbeConfig;
import dev.holdfast.restoretester.DatabaseEnvironment;
import dev.holdfast.restoretester.DatabaseImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code restore-test} section, which may be missing: the defaults then apply. */
final class RestoreTestReader {
    /** A loose form of Docker's image reference, enough to catch spaces and typos early. */
    private static final Pattern IMAGE = Pattern.compile(
            "[a-z0-9][A-Za-z0-9._/:-]*(@sha256:[0-9a-f]{64})?");

    private final ConfigValidator validator;

    RestoreTestReader(ConfigValidator validator) {
        this.validator = validator;
    }

    RestoreTestConfig read(RestoreTestSection section, KeyPath at, Path stateDir,
            List<SourceConfig> sources) throws ConfigException {
        RestoreTestConfig defaults = RestoreTestConfig.defaults(stateDir);
        if (section == null) {
            return defaults;
        }
        Path volume = defaults.volume();
        if (section.volume() != null || validator.written(at.key("volume"))) {
            KeyPath volumeAt = at.key("volume");
            volume = validator.resolve(validator.text(section.volume(), volumeAt,
                    "expected a folder such as /var/tmp/holdfast-restore-tests"), volumeAt);
        }
        return new RestoreTestConfig(volume, defaults.stateFolder(),
                olderSnapshots(section.olderSnapshots(), at.key("older-snapshots")),
                new DatabaseReader(validator).webhook(section.webhook(), at.key("webhook")),
                Optional.ofNullable(section.webhookEnv()),
                probes(section.probes(), at.key("probes"), sources),
                databaseEnvironment(section.databaseEnvironment(),
                        at.key("database-environment")),
                images(section.images(), at.key("images")));
    }

    private DatabaseEnvironment databaseEnvironment(String value, KeyPath at)
            throws ConfigException {
        String expected = "expected local (the installed server binaries) or container";
        if (value == null && !validator.written(at)) {
            return DatabaseEnvironment.LOCAL;
        }
        String name = validator.text(value, at, expected);
        for (DatabaseEnvironment each : DatabaseEnvironment.values()) {
            if (each.configName().equals(name)) {
                return each;
            }
        }
        throw validator.fail(at, "invalid value \"" + name + "\" for " + at + ": " + expected);
    }

    private DatabaseImages images(ImagesSection section, KeyPath at) throws ConfigException {
        DatabaseImages defaults = DatabaseImages.defaults();
        if (section == null) {
            if (validator.written(at)) {
                throw validator.fail(at, "empty value for " + at + ": expected a mapping "
                        + "with postgresql and mariadb, such as { postgresql: postgres:16 }");
            }
            return defaults;
        }
        return new DatabaseImages(
                image(section.postgresql(), at.key("postgresql"), defaults.postgresql()),
                image(section.mariadb(), at.key("mariadb"), defaults.mariadb()));
    }

    private String image(String value, KeyPath at, String fallback) throws ConfigException {
        if (value == null && !validator.written(at)) {
            return fallback;
        }
        String image = validator.text(value, at, "expected an image name such as " + fallback);
        if (!IMAGE.matcher(image).matches()) {
            throw validator.fail(at, "invalid image name \"" + image + "\" for " + at
                    + ": expected [registry/]name[:tag][@digest] without spaces, such as "
                    + fallback);
        }
        return image;
    }

    private int olderSnapshots(Integer value, KeyPath at) throws ConfigException {
        if (value == null) {
            if (validator.written(at)) {
                throw validator.fail(at, "empty value for " + at + ": expected a whole "
                        + "number of 0 or more, such as 1");
            }
            return RestoreTestConfig.DEFAULT_OLDER_SNAPSHOTS;
        }
        if (value < 0) {
            throw validator.fail(at, "invalid value " + value + " for " + at + ": expected a "
                    + "whole number of 0 or more, such as 1");
        }
        return value;
    }

    private Map<String, List<ProbeConfig>> probes(Map<String, List<ProbeSection>> sections,
            KeyPath at, List<SourceConfig> sources) throws ConfigException {
        Map<String, List<ProbeConfig>> probes = new LinkedHashMap<>();
        if (sections == null) {
            return probes;
        }
        for (Map.Entry<String, List<ProbeSection>> entry : sections.entrySet()) {
            KeyPath sourceAt = at.key(entry.getKey());
            requireDatabaseSource(entry.getKey(), sourceAt, sources);
            List<ProbeSection> list = entry.getValue() == null ? List.of() : entry.getValue();
            List<ProbeConfig> read = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                read.add(probe(list.get(i), sourceAt.index(i)));
            }
            probes.put(entry.getKey(), read);
        }
        return probes;
    }

    private void requireDatabaseSource(String name, KeyPath at, List<SourceConfig> sources)
            throws ConfigException {
        Optional<SourceConfig> source = sources.stream().filter(s -> s.name().equals(name))
                .findFirst();
        if (source.isEmpty()) {
            throw validator.fail(at, "unknown source \"" + name + "\" in " + at.parent()
                    + ": expected the name of a database source in sources");
        }
        if (source.get().database().isEmpty()) {
            throw validator.fail(at, "source \"" + name + "\" backs up files, so it cannot "
                    + "have SQL probes: remove " + at + " or name a database source");
        }
    }

    private ProbeConfig probe(ProbeSection section, KeyPath at) throws ConfigException {
        if (section == null) {
            throw validator.fail(at, "empty entry " + at + ": expected a mapping with "
                    + "database, sql and expect");
        }
        String database = validator.text(section.database(), at.key("database"),
                "expected the name of a database of the source, such as shop");
        String sql = validator.text(section.sql(), at.key("sql"),
                "expected a query, such as SELECT count(*) FROM orders");
        if (section.expect() == null) {
            throw validator.fail(at.key("expect"), "missing key expect in " + at
                    + ": expected the rows the query prints, such as \"42\"");
        }
        return new ProbeConfig(database, sql, section.expect());
    }
}
