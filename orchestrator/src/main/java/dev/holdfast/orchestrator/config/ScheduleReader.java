package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.RepositoryScheduleSection;
import dev.holdfast.orchestrator.config.ConfigDocument.RestoreTestSection;
import dev.holdfast.orchestrator.config.ConfigDocument.ServiceSection;
import dev.holdfast.orchestrator.config.ConfigDocument.SourceScheduleSection;
import dev.holdfast.scheduler.MisfirePolicy;
import dev.holdfast.scheduler.Schedule;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code schedule} mappings of sources and of the repository into
 * {@link Schedule}s, and the {@code service} mapping.
 */
final class ScheduleReader {
    private static final String MISFIRE_FORM = "expected run-once or skip";
    private static final String ZONE_FORM = "expected a time zone ID such as Europe/Berlin or UTC";
    /** Folder of the service's state, next to the configuration file, unless set. */
    static final String DEFAULT_STATE_DIR = "holdfast-state";
    /** How long running jobs may take to finish once serve is asked to stop. */
    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

    private final ConfigValidator validator;
    private final ZoneId defaultZone;

    ScheduleReader(ConfigValidator validator) {
        this.validator = validator;
        this.defaultZone = ZoneId.systemDefault();
    }

    List<Schedule> source(String source, SourceScheduleSection section, KeyPath at)
            throws ConfigException {
        if (section == null) {
            emptyMapping(at, "backup");
            return List.of();
        }
        Map<String, String> crons = new LinkedHashMap<>();
        crons.put(JobKinds.BACKUP, section.backup());
        return schedules(crons, section.timeZone(), section.misfire(), at,
                kind -> JobKinds.backupJob(source), Optional.of(source));
    }

    List<Schedule> repository(RepositoryScheduleSection section, KeyPath at)
            throws ConfigException {
        if (section == null) {
            emptyMapping(at, "retention, check, scrub or repair");
            return List.of();
        }
        Map<String, String> crons = new LinkedHashMap<>();
        crons.put(JobKinds.RETENTION, section.retention());
        crons.put(JobKinds.CHECK, section.check());
        crons.put(JobKinds.SCRUB, section.scrub());
        crons.put(JobKinds.REPAIR, section.repair());
        return schedules(crons, section.timeZone(), section.misfire(), at, kind -> kind,
                Optional.empty());
    }

    /**
     * Returns the schedule of the restore test when the file has a {@code restore-test} key,
     * even an empty one: daily at 04:30 in the machine's time zone unless it says otherwise.
     */
    Optional<Schedule> restoreTest(RestoreTestSection section, KeyPath at)
            throws ConfigException {
        if (section == null && !validator.written(at)) {
            return Optional.empty();
        }
        String written = section == null ? null : section.schedule();
        KeyPath cronAt = at.key("schedule");
        String cron = written == null && !validator.written(cronAt)
                ? RestoreTestConfig.DEFAULT_SCHEDULE
                : validator.text(written, cronAt, "expected " + Schedule.CRON_FORM);
        var problem = Schedule.cronProblem(cron);
        if (problem.isPresent()) {
            throw validator.fail(cronAt, "invalid cron expression \"" + cron + "\" for "
                    + cronAt + ": " + problem.get() + "; expected " + Schedule.CRON_FORM);
        }
        ZoneId zone = zone(section == null ? null : section.timeZone(), at.key("time-zone"));
        MisfirePolicy policy = misfire(section == null ? null : section.misfire(),
                at.key("misfire"));
        return Optional.of(new Schedule(JobKinds.RESTORE_TEST, JobKinds.RESTORE_TEST, cron,
                zone, policy, Optional.empty()));
    }

    ServiceConfig service(ServiceSection section, KeyPath at) throws ConfigException {
        if (section == null) {
            emptyMapping(at, "state-dir, grace-period, misfire-threshold, "
                    + "cluster-checkin-interval, lock-wait, lock-lease, listen, ca-dir or "
                    + "tls-dir");
            return new ServiceConfig(validator.resolve(DEFAULT_STATE_DIR, at),
                    DEFAULT_GRACE_PERIOD, ServiceConfig.DEFAULT_MISFIRE_THRESHOLD,
                    ServiceConfig.DEFAULT_CHECKIN_INTERVAL, ServiceConfig.DEFAULT_LOCK_WAIT,
                    ServiceConfig.DEFAULT_LOCK_LEASE);
        }
        Path stateDir = section.stateDir() == null && !validator.written(at.key("state-dir"))
                ? validator.resolve(DEFAULT_STATE_DIR, at)
                : validator.resolve(validator.text(section.stateDir(), at.key("state-dir"),
                        "expected a folder such as ./holdfast-state"), at.key("state-dir"));
        Duration grace = positive(section.gracePeriod(), DEFAULT_GRACE_PERIOD,
                at.key("grace-period"), "30s");
        Duration threshold = positive(section.misfireThreshold(),
                ServiceConfig.DEFAULT_MISFIRE_THRESHOLD, at.key("misfire-threshold"), "60s");
        Duration checkin = positive(section.clusterCheckinInterval(),
                ServiceConfig.DEFAULT_CHECKIN_INTERVAL, at.key("cluster-checkin-interval"),
                "7500ms");
        Duration lockWait = positive(section.lockWait(), ServiceConfig.DEFAULT_LOCK_WAIT,
                at.key("lock-wait"), "1h");
        Duration lockLease = positive(section.lockLease(), ServiceConfig.DEFAULT_LOCK_LEASE,
                at.key("lock-lease"), "60s");
        return new ServiceConfig(stateDir, grace, threshold, checkin, lockWait, lockLease,
                new ApiReader(validator).read(section, at, stateDir));
    }

    private List<Schedule> schedules(Map<String, String> crons, String zoneName, String misfire,
            KeyPath at, java.util.function.UnaryOperator<String> jobName,
            Optional<String> source) throws ConfigException {
        ZoneId zone = zone(zoneName, at.key("time-zone"));
        MisfirePolicy policy = misfire(misfire, at.key("misfire"));
        List<Schedule> schedules = new ArrayList<>();
        for (Map.Entry<String, String> entry : crons.entrySet()) {
            KeyPath cronAt = at.key(entry.getKey());
            if (entry.getValue() == null && !validator.written(cronAt)) {
                continue;
            }
            String cron = validator.text(entry.getValue(), cronAt,
                    "expected " + Schedule.CRON_FORM);
            var problem = Schedule.cronProblem(cron);
            if (problem.isPresent()) {
                throw validator.fail(cronAt, "invalid cron expression \"" + cron + "\" for "
                        + cronAt + ": " + problem.get() + "; expected " + Schedule.CRON_FORM);
            }
            schedules.add(new Schedule(jobName.apply(entry.getKey()), entry.getKey(), cron,
                    zone, policy, source));
        }
        if (schedules.isEmpty()) {
            throw validator.fail(at, "no job in " + at + ": expected at least one of "
                    + String.join(", ", crons.keySet()) + " with a cron expression");
        }
        return schedules;
    }

    private void emptyMapping(KeyPath at, String keys) throws ConfigException {
        if (validator.written(at)) {
            throw validator.fail(at, "empty value for " + at + ": expected a mapping with "
                    + keys);
        }
    }

    private ZoneId zone(String name, KeyPath at) throws ConfigException {
        if (name == null && !validator.written(at)) {
            return defaultZone;
        }
        String text = validator.text(name, at, ZONE_FORM);
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw validator.fail(at, "invalid time zone \"" + text + "\" for " + at + ": "
                    + ZONE_FORM);
        }
    }

    private MisfirePolicy misfire(String name, KeyPath at) throws ConfigException {
        if (name == null && !validator.written(at)) {
            return MisfirePolicy.RUN_ONCE;
        }
        String text = validator.text(name, at, MISFIRE_FORM);
        return MisfirePolicy.fromConfigName(text).orElseThrow(() -> validator.fail(at,
                "invalid misfire policy \"" + text + "\" for " + at + ": " + MISFIRE_FORM));
    }

    private Duration positive(Duration value, Duration fallback, KeyPath at, String example)
            throws ConfigException {
        if (value == null) {
            if (validator.written(at)) {
                throw validator.fail(at, "empty value for " + at + ": " + Durations.EXPECTED);
            }
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw validator.fail(at, "invalid duration for " + at + ": expected more than "
                    + "zero, such as " + example);
        }
        return value;
    }
}
