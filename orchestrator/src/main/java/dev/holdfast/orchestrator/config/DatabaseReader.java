package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.DatabaseSection;
import dev.holdfast.orchestrator.config.ConfigDocument.GuardSection;
import dev.holdfast.orchestrator.config.ConfigDocument.GuardTableSection;
import dev.holdfast.orchestrator.database.DatabaseKind;
import dev.holdfast.orchestrator.guard.GuardAction;
import dev.holdfast.orchestrator.guard.GuardPolicy;
import dev.holdfast.orchestrator.guard.TableOverride;
import dev.holdfast.orchestrator.guard.Thresholds;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Reads the {@code postgresql}, {@code mariadb} and {@code guard} mappings of a source. */
final class DatabaseReader {
    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\x00]{1,63}");
    private static final String SHARE = "expected a percentage above 0% and up to 100%, such "
            + "as 50%";

    private final ConfigValidator validator;

    DatabaseReader(ConfigValidator validator) {
        this.validator = validator;
    }

    DatabaseSourceConfig database(DatabaseKind kind, DatabaseSection section, KeyPath at)
            throws ConfigException {
        if (section == null) {
            throw validator.fail(at, "empty value for " + at + ": expected a mapping with "
                    + "host, user, databases and password-env or password-file");
        }
        String host = section.host() == null ? "127.0.0.1"
                : validator.text(section.host(), at.key("host"), "expected a host name");
        int port = section.port() == null ? defaultPort(kind) : section.port();
        if (port < 1 || port > 65535) {
            throw validator.fail(at.key("port"), "invalid port " + port + " for "
                    + at.key("port") + ": expected 1 to 65535");
        }
        String user = validator.text(section.user(), at.key("user"),
                "expected the database user that dumps, such as backup");
        if (section.passwordEnv() != null && section.passwordFile() != null) {
            throw validator.fail(at.key("password-file"), "both password-env and password-file"
                    + " in " + at + ": expected one of them");
        }
        Optional<Path> passwordFile = section.passwordFile() == null ? Optional.empty()
                : Optional.of(validator.resolve(section.passwordFile(), at.key("password-file")));
        Optional<Path> tools = section.tools() == null ? Optional.empty()
                : Optional.of(validator.resolve(section.tools(), at.key("tools")));
        long limit = section.exactCountLimit() == null
                ? DatabaseSourceConfig.DEFAULT_EXACT_COUNT_LIMIT
                : section.exactCountLimit().bytes();
        int jobs = section.restoreJobs() == null ? 1 : section.restoreJobs();
        if (jobs < 1 || jobs > 64) {
            throw validator.fail(at.key("restore-jobs"), "invalid job count " + jobs + " for "
                    + at.key("restore-jobs") + ": expected 1 to 64");
        }
        return new DatabaseSourceConfig(kind, host, port, user,
                Optional.ofNullable(section.passwordEnv()), passwordFile,
                databases(section.databases(), at.key("databases")), tools, limit, jobs);
    }

    private static int defaultPort(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? 5432 : 3306;
    }

    private List<String> databases(List<String> names, KeyPath at) throws ConfigException {
        String expected = "expected a list of database names, such as [orders]";
        validator.required(names, at, expected);
        if (names.isEmpty()) {
            throw validator.fail(at, "no database in " + at + ": " + expected);
        }
        List<String> databases = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = validator.text(names.get(i), at.index(i), expected);
            if (!DATABASE_NAME.matcher(name).matches()) {
                throw validator.fail(at.index(i), "invalid database name \"" + name + "\" for "
                        + at.index(i) + ": expected 1 to 63 characters without '/'");
            }
            if (databases.contains(name)) {
                throw validator.fail(at.index(i), "database \"" + name + "\" is listed twice "
                        + "in " + at);
            }
            databases.add(name);
        }
        return databases;
    }

    Optional<GuardConfig> guard(GuardSection section, KeyPath at) throws ConfigException {
        if (section == null) {
            return Optional.empty();
        }
        Duration interval = positive(section.interval(), GuardConfig.DEFAULT_INTERVAL,
                at.key("interval"));
        Duration window = positive(section.window(), GuardPolicy.DEFAULT_WINDOW,
                at.key("window"));
        if (window.compareTo(interval) < 0) {
            throw validator.fail(at.key("window"), "window of " + window.toSeconds() + "s in "
                    + at + " is shorter than the interval of " + interval.toSeconds()
                    + "s: expected at least one interval");
        }
        Thresholds defaults = new Thresholds(
                share(section.share(), at.key("share")).orElse(Thresholds.DEFAULT_SHARE),
                rows(section.rows(), at.key("rows"), 1).orElse(Thresholds.DEFAULT_ROWS),
                rows(section.minRows(), at.key("min-rows"), 0)
                        .orElse(Thresholds.DEFAULT_MIN_ROWS),
                section.dropped() == null || section.dropped(),
                section.truncated() == null || section.truncated());
        GuardPolicy policy = new GuardPolicy(defaults, tables(section.tables(),
                at.key("tables")), window, action(section.action(), at.key("action")));
        return Optional.of(new GuardConfig(interval, policy,
                webhook(section.webhook(), at.key("webhook")),
                Optional.ofNullable(section.webhookEnv())));
    }

    private Duration positive(Duration value, Duration fallback, KeyPath at)
            throws ConfigException {
        if (value == null) {
            return fallback;
        }
        if (value.toSeconds() < 1) {
            throw validator.fail(at, "invalid duration for " + at + ": expected at least 1s");
        }
        return value;
    }

    private GuardAction action(String value, KeyPath at) throws ConfigException {
        if (value == null) {
            return GuardAction.ALERT;
        }
        return switch (value) {
            case "alert" -> GuardAction.ALERT;
            case "rollback" -> GuardAction.ROLLBACK;
            default -> throw validator.fail(at, "invalid action \"" + value + "\" for " + at
                    + ": expected alert or rollback");
        };
    }

    private OptionalDouble share(String value, KeyPath at) throws ConfigException {
        if (value == null) {
            return OptionalDouble.empty();
        }
        double share = RetentionReader.share(validator, value, at, SHARE, new BigDecimal("0.01"));
        return OptionalDouble.of(share);
    }

    private OptionalLong rows(Long value, KeyPath at, long least) throws ConfigException {
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value < least) {
            throw validator.fail(at, "invalid row count " + value + " for " + at
                    + ": expected " + least + " or more rows");
        }
        return OptionalLong.of(value);
    }

    private List<TableOverride> tables(Map<String, GuardTableSection> sections, KeyPath at)
            throws ConfigException {
        List<TableOverride> overrides = new ArrayList<>();
        if (sections == null) {
            return overrides;
        }
        for (Map.Entry<String, GuardTableSection> entry : sections.entrySet()) {
            KeyPath tableAt = at.key(entry.getKey());
            GuardTableSection table = entry.getValue();
            if (!entry.getKey().contains(".")) {
                throw validator.fail(tableAt, "invalid table \"" + entry.getKey() + "\" in "
                        + at + ": expected schema.table, such as public.orders or shop.*");
            }
            if (table == null) {
                throw validator.fail(tableAt, "empty value for " + tableAt + ": expected a "
                        + "mapping with share, rows, min-rows, dropped, truncated or ignore");
            }
            OptionalDouble share = share(table.share(), tableAt.key("share"));
            OptionalLong rows = rows(table.rows(), tableAt.key("rows"), 1);
            OptionalLong minRows = rows(table.minRows(), tableAt.key("min-rows"), 0);
            overrides.add(new TableOverride(entry.getKey(),
                    share.isPresent() ? share.getAsDouble() : null,
                    rows.isPresent() ? rows.getAsLong() : null,
                    minRows.isPresent() ? minRows.getAsLong() : null, table.dropped(),
                    table.truncated(), table.ignore() != null && table.ignore()));
        }
        return overrides;
    }

    Optional<String> webhook(String value, KeyPath at) throws ConfigException {
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw validator.fail(at, "invalid webhook URL for " + at + ": expected "
                        + "http:// or https:// with a host");
            }
            if (uri.getUserInfo() != null) {
                throw validator.fail(at, "invalid webhook URL for " + at + ": it carries a "
                        + "user and password, which the HTTP client does not send; put a "
                        + "token in its query instead, and the URL in webhook-env");
            }
        } catch (URISyntaxException e) {
            // The value may carry a token, so the message names only the key.
            throw validator.fail(at, "invalid webhook URL for " + at + ": " + e.getReason());
        }
        return Optional.of(value);
    }
}
