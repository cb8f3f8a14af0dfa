package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.RetentionSection;
import dev.holdfast.repository.retention.BulkDeletionGuard;
import dev.holdfast.repository.retention.RetentionPolicy;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the retention settings: a source's {@code retention} policy, and the deletion delay and
 * bulk-deletion share of the {@code repository} section.
 */
final class RetentionReader {
    private static final String RULES = "keep-last, keep-hourly, keep-daily, keep-weekly, "
            + "keep-monthly, keep-yearly or keep-within";
    /** Twenty slices: a daily scrub reads 5% of the packs and every pack in 20 days. */
    static final int DEFAULT_SCRUB_SLICES = 20;
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?%");

    private final ConfigValidator validator;

    RetentionReader(ConfigValidator validator) {
        this.validator = validator;
    }

    Optional<RetentionConfig> read(RetentionSection section, KeyPath at) throws ConfigException {
        if (section == null) {
            if (validator.written(at)) {
                throw validator.fail(at, "empty value for " + at + ": expected a mapping with "
                        + "at least one of " + RULES);
            }
            return Optional.empty();
        }
        RetentionPolicy policy = new RetentionPolicy(count(section.keepLast(), at, "keep-last"),
                count(section.keepHourly(), at, "keep-hourly"),
                count(section.keepDaily(), at, "keep-daily"),
                count(section.keepWeekly(), at, "keep-weekly"),
                count(section.keepMonthly(), at, "keep-monthly"),
                count(section.keepYearly(), at, "keep-yearly"),
                section.keepWithin(), pinTags(section.pinTags(), at.key("pin-tags")));
        if (!policy.keepsAny()) {
            throw validator.fail(at, "the retention policy in " + at + " keeps no snapshot, so "
                    + "forget would forget them all: expected at least one of " + RULES
                    + " above zero");
        }
        return Optional.of(new RetentionConfig(policy, zone(section.timeZone(),
                at.key("time-zone"))));
    }

    private int count(Integer value, KeyPath section, String key) throws ConfigException {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            KeyPath at = section.key(key);
            throw validator.fail(at, "invalid count " + value + " for " + at
                    + ": expected zero or more snapshots");
        }
        return value;
    }

    private Set<String> pinTags(List<String> tags, KeyPath at) throws ConfigException {
        Set<String> pinned = new LinkedHashSet<>();
        if (tags == null) {
            return pinned;
        }
        for (int i = 0; i < tags.size(); i++) {
            pinned.add(validator.text(tags.get(i), at.index(i), "expected a tag such as keep"));
        }
        return pinned;
    }

    private Optional<ZoneId> zone(String name, KeyPath at) throws ConfigException {
        if (name == null && !validator.written(at)) {
            return Optional.empty();
        }
        String expected = "expected a time zone ID such as Europe/Berlin or UTC";
        String text = validator.text(name, at, expected);
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            throw validator.fail(at, "invalid time zone \"" + text + "\" for " + at + ": "
                    + expected);
        }
    }

    static Optional<Duration> deletionDelay(ConfigValidator validator, Duration delay,
            KeyPath repository) throws ConfigException {
        KeyPath at = repository.key("deletion-delay");
        if (delay == null) {
            if (validator.written(at)) {
                throw validator.fail(at, "empty value for " + at + ": " + Durations.EXPECTED);
            }
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    static double bulkDeletionShare(ConfigValidator validator, String share, KeyPath repository)
            throws ConfigException {
        KeyPath at = repository.key("bulk-deletion-share");
        if (share == null && !validator.written(at)) {
            return BulkDeletionGuard.DEFAULT_SHARE;
        }
        return share(validator, share, at, "expected a percentage from 0% to 100%, such as 50%",
                BigDecimal.ZERO);
    }

    /**
     * Returns how many slices the scheduled scrub divides the packs into, one read per run:
     * 100 divided by {@code repository.scrub-share}, rounded up.
     */
    static int scrubSlices(ConfigValidator validator, String share, KeyPath repository)
            throws ConfigException {
        KeyPath at = repository.key("scrub-share");
        if (share == null && !validator.written(at)) {
            return DEFAULT_SCRUB_SLICES;
        }
        double fraction = share(validator, share, at, "expected a percentage above 0% and up "
                + "to 100%, such as 5%", new BigDecimal("0.01"));
        return (int) Math.ceil(1 / fraction - 1e-9);
    }

    static double share(ConfigValidator validator, String share, KeyPath at,
            String expected, BigDecimal least) throws ConfigException {
        String text = validator.text(share, at, expected).strip();
        Matcher matcher = PERCENT.matcher(text);
        if (!matcher.matches()) {
            throw validator.fail(at, "invalid share \"" + text + "\" for " + at + ": "
                    + expected);
        }
        BigDecimal percent = new BigDecimal(matcher.group(1));
        if (percent.compareTo(BigDecimal.valueOf(100)) > 0 || percent.compareTo(least) < 0) {
            throw validator.fail(at, "invalid share \"" + text + "\" for " + at + ": "
                    + expected);
        }
        return percent.doubleValue() / 100;
    }
}
