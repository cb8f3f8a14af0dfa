package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.scheduler.MisfirePolicy;
import dev.holdfast.scheduler.Schedule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleConfigTest {
    private static final String HEAD = """
            repository: { providers: [local] }
            providers: [{ name: local, driver: filesystem, path: /r }]
            """;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path folder;

    private HoldfastConfig load(String yaml) throws Exception {
        return ConfigLoader.load(ConfigFiles.write(folder, yaml));
    }

    @Test
    void everyKey_bindsIntoSchedules() throws Exception {
        HoldfastConfig config = load("""
                repository:
                  providers: [local]
                  schedule:
                    retention: "0 0 4 * * ?"
                    check: "0 0 5 ? * SUN"
                    scrub: "0 0 6 1 * ?"
                    repair: "0 30 6 1 * ?"
                    time-zone: UTC
                    misfire: skip
                providers: [{ name: local, driver: filesystem, path: /r }]
                sources:
                  - name: docs
                    paths: [/srv]
                    schedule: { backup: "0 30 2 * * ?", time-zone: Europe/Berlin }
                service:
                  state-dir: state
                  grace-period: 45s
                  misfire-threshold: 5s
                  cluster-checkin-interval: 2s
                  lock-wait: 10m
                  lock-lease: 30s
                """);

        assertThat(config.schedules()).containsExactly(
                new Schedule("backup:docs", "backup", "0 30 2 * * ?", BERLIN,
                        MisfirePolicy.RUN_ONCE, Optional.of("docs")),
                new Schedule("retention", "retention", "0 0 4 * * ?", ZoneId.of("UTC"),
                        MisfirePolicy.SKIP),
                new Schedule("check", "check", "0 0 5 ? * SUN", ZoneId.of("UTC"),
                        MisfirePolicy.SKIP),
                new Schedule("scrub", "scrub", "0 0 6 1 * ?", ZoneId.of("UTC"),
                        MisfirePolicy.SKIP),
                new Schedule("repair", "repair", "0 30 6 1 * ?", ZoneId.of("UTC"),
                        MisfirePolicy.SKIP));
        assertThat(config.service().stateDir()).isEqualTo(folder.resolve("etc/state"));
        assertThat(config.service().gracePeriod()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.service().misfireThreshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.service().clusterCheckinInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.service().lockWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.service().lockLease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nothingSet_meansNoJobsAndDefaults() throws Exception {
        HoldfastConfig config = load(HEAD);

        assertThat(config.schedules()).isEmpty();
        assertThat(config.service().stateDir()).isEqualTo(folder.resolve("etc/holdfast-state"));
        assertThat(config.service().gracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.service().misfireThreshold()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.service().lockWait()).isEqualTo(ServiceConfig.DEFAULT_LOCK_WAIT);
        assertThat(config.service().lockLease()).isEqualTo(ServiceConfig.DEFAULT_LOCK_LEASE);
    }

    /**
     * Berlin moves its clocks from 02:00 to 03:00 on 2026-03-29 and from 03:00 back to 02:00
     * on 2026-10-25. A job at 01:00 keeps its wall-clock time, so its UTC time shifts by an
     * hour. Quartz's CronTrigger tutorial warns that a job inside the shifted hour may be
     * skipped or repeated. Quartz 2.5.2 skips 02:30 on the spring day, which does not exist,
     * and fires once at the second 02:30 (winter time, 01:30 UTC) on the autumn day.
     */
    @Test
    void nextFireTimes_followBerlinAcrossDst() throws Exception {
        HoldfastConfig config = load(HEAD + """
                sources:
                  - name: early
                    paths: [/srv]
                    schedule: { backup: "0 0 1 * * ?", time-zone: Europe/Berlin }
                  - name: shifted
                    paths: [/srv]
                    schedule: { backup: "0 30 2 * * ?", time-zone: Europe/Berlin }
                """);
        Schedule early = config.schedules().get(0);
        Schedule shifted = config.schedules().get(1);

        assertThat(early.nextFireTimes(Instant.parse("2026-03-27T12:00:00Z"), 3))
                .containsExactly(Instant.parse("2026-03-28T00:00:00Z"),
                        Instant.parse("2026-03-29T00:00:00Z"),
                        Instant.parse("2026-03-29T23:00:00Z"));
        assertThat(early.nextFireTimes(Instant.parse("2026-10-23T12:00:00Z"), 3))
                .containsExactly(Instant.parse("2026-10-23T23:00:00Z"),
                        Instant.parse("2026-10-24T23:00:00Z"),
                        Instant.parse("2026-10-26T00:00:00Z"));
        assertThat(shifted.nextFireTimes(Instant.parse("2026-03-27T12:00:00Z"), 2))
                .containsExactly(Instant.parse("2026-03-28T01:30:00Z"),
                        Instant.parse("2026-03-30T00:30:00Z"));
        assertThat(shifted.nextFireTimes(Instant.parse("2026-10-23T12:00:00Z"), 3))
                .containsExactly(Instant.parse("2026-10-24T00:30:00Z"),
                        Instant.parse("2026-10-25T01:30:00Z"),
                        Instant.parse("2026-10-26T01:30:00Z"));
    }

    static Stream<Arguments> badFiles() {
        String head = HEAD + """
                sources:
                  - name: docs
                    paths: [/srv]
                    schedule:
                """;
        return Stream.of(
                arguments("invalid cron", head + "      backup: \"0 0 25 * * ?\"\n", 7, 15,
                        "invalid cron expression \"0 0 25 * * ?\" for "
                                + "sources[0].schedule.backup: "),
                arguments("five-field cron", head + "      backup: \"0 2 * * *\"\n", 7, 15,
                        "invalid cron expression \"0 2 * * *\" for "
                                + "sources[0].schedule.backup: "),
                arguments("unknown misfire", head
                        + "      backup: \"0 0 2 * * ?\"\n      misfire: later\n", 8, 16,
                        "invalid misfire policy \"later\" for sources[0].schedule.misfire: "
                                + "expected run-once or skip"),
                arguments("unknown time zone", head
                        + "      backup: \"0 0 2 * * ?\"\n      time-zone: Mars/Olympus\n", 8,
                        18, "invalid time zone \"Mars/Olympus\" for "
                                + "sources[0].schedule.time-zone"),
                arguments("no job", head + "      misfire: skip\n", 7, 7,
                        "no job in sources[0].schedule: expected at least one of backup"),
                arguments("unknown job", head + "      prune: \"0 0 2 * * ?\"\n", 7, 7,
                        "unknown key \"prune\" in sources[0].schedule"),
                arguments("zero grace period", HEAD + "service: { grace-period: 0s }\n", 3, 26,
                        "invalid duration for service.grace-period: expected more than zero"),
                arguments("repository cron", """
                        repository: { providers: [local], schedule: { check: "daily" } }
                        providers: [{ name: local, driver: filesystem, path: /r }]
                        """, 1, 54, "invalid cron expression \"daily\" for "
                        + "repository.schedule.check: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badSchedule_namesFileLineAndColumn(String description, String yaml, int line,
            int column, String message) throws IOException {
        Path file = ConfigFiles.write(folder, yaml);

        ConfigException error = ConfigFiles.loadError(file);

        String place = file + ":" + line + ":" + column + ": ";
        assertThat(error.getMessage()).startsWith(place);
        assertThat(error.getMessage().substring(place.length())).startsWith(message);
    }

    @Test
    void invalidCron_saysExpectedForm() throws IOException {
        Path file = ConfigFiles.write(folder, HEAD + """
                sources: [{ name: docs, paths: [/srv], schedule: { backup: "at two" } }]
                """);

        ConfigException error = ConfigFiles.loadError(file);

        assertThat(error.getMessage()).contains("expected " + Schedule.CRON_FORM);
        assertThat(List.of(error.line(), error.column())).containsExactly(3, 60);
    }
}
