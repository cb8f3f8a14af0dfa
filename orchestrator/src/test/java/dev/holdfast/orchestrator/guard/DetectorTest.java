package dev.holdfast.orchestrator.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The detector's rules on hand-written readings of one source, polled once a minute. */
class DetectorTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    private final Detector detector = new Detector("shop", GuardPolicy.DEFAULT);

    private static Instant minute(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }

    private Optional<Detection> judge(Readings readings) {
        return detector.judge(readings.reading(), Optional.empty());
    }

    private Optional<Detection> judge(Readings readings, Readings baseline) {
        return detector.judge(readings.reading(), Optional.of(baseline.reading()));
    }

    @Test
    void exactDeletion_aboveShare_firesAtOnce() {
        assertThat(judge(Readings.at(minute(0)).exact("orders", 10_000, 50, 10_050))).isEmpty();
        assertThat(judge(Readings.at(minute(1)).exact("orders", 9_990, 60, 10_050))).isEmpty();

        Detection detection = judge(Readings.at(minute(2)).exact("orders", 4_000, 6_050, 10_050))
                .orElseThrow();

        assertThat(detection.source()).isEqualTo("shop");
        assertThat(detection.rule()).isEqualTo(Rule.SHARE);
        assertThat(detection.action()).isEqualTo(GuardAction.ALERT);
        assertThat(detection.firstSeen()).isEqualTo(minute(2));
        assertThat(detection.detectedAt()).isEqualTo(minute(2));
        assertThat(detection.intactAt()).isEqualTo(minute(0));
        assertThat(detection.tables()).containsExactly(new TableDetection("public", "orders",
                Rule.SHARE, 10_000, 4_000, minute(0), false));
    }

    @Test
    void estimatedDeletion_confirmedByNextReading() {
        judge(Readings.at(minute(0)).estimate("orders", 10_000, 0, 10_000));

        assertThat(judge(Readings.at(minute(1)).estimate("orders", 3_000, 7_000, 10_000)))
                .isEmpty();
        assertThat(detector.pendingTables()).containsExactly("public.orders");
        Detection detection = judge(Readings.at(minute(2)).estimate("orders", 3_000, 7_000,
                10_000)).orElseThrow();

        assertThat(detection.firstSeen()).isEqualTo(minute(1));
        assertThat(detection.detectedAt()).isEqualTo(minute(2));
        assertThat(detection.tables().getFirst().rowsBefore()).isEqualTo(10_000);
        assertThat(detection.tables().getFirst().estimated()).isTrue();
        assertThat(detector.pendingTables()).isEmpty();
    }

    @Test
    void estimatedDip_notRepeated_isDropped() {
        judge(Readings.at(minute(0)).estimate("orders", 10_000, 0, 10_000));
        judge(Readings.at(minute(1)).estimate("orders", 4_000, 0, 10_000));

        assertThat(judge(Readings.at(minute(2)).estimate("orders", 10_100, 0, 10_100)))
                .isEmpty();
        assertThat(detector.pendingTables()).isEmpty();
        assertThat(judge(Readings.at(minute(3)).estimate("orders", 10_100, 0, 10_100)))
                .isEmpty();
    }

    @Test
    void exactCountAfterEstimate_decidesPending() {
        judge(Readings.at(minute(0)).estimate("orders", 10_000, 0, 10_000));
        judge(Readings.at(minute(1)).estimate("orders", 4_000, 0, 10_000));

        assertThat(judge(Readings.at(minute(1).plusSeconds(5)).exact("orders", 9_950, 0,
                10_000))).isEmpty();
        assertThat(detector.pendingTables()).isEmpty();
    }

    @Test
    void largeTable_smallShare_firesByRows() {
        judge(Readings.at(minute(0)).exact("events", 10_000_000, 0, 10_000_000));

        Detection detection = judge(Readings.at(minute(1)).exact("events", 9_850_000, 150_000,
                10_000_000)).orElseThrow();

        assertThat(detection.rule()).isEqualTo(Rule.ROWS);
    }

    @Test
    void smallTable_deletedRowByRow_isNotJudged() {
        judge(Readings.at(minute(0)).exact("settings", 900, 0, 900));

        assertThat(judge(Readings.at(minute(1)).exact("settings", 0, 900, 900))).isEmpty();
    }

    @Test
    void smallTable_truncated_fires() {
        judge(Readings.at(minute(0)).exact("settings", 40, 3, 43));

        Detection detection = judge(Readings.at(minute(1)).exact("settings", 0, 3, 43))
                .orElseThrow();

        assertThat(detection.rule()).isEqualTo(Rule.TRUNCATED);
        assertThat(detection.tables().getFirst().rowsAfter()).isZero();
    }

    @Test
    void truncateThenInsert_counterUnchanged_firesTruncated() {
        judge(Readings.at(minute(0)).exact("orders", 50_000, 10, 50_010));

        Detection detection = judge(Readings.at(minute(1)).exact("orders", 300, 10, 50_310))
                .orElseThrow();

        assertThat(detection.rule()).isEqualTo(Rule.TRUNCATED);
    }

    @Test
    void deleteAllRows_countedDeletes_firesShare() {
        judge(Readings.at(minute(0)).exact("orders", 50_000, 10, 50_010));

        Detection detection = judge(Readings.at(minute(1)).exact("orders", 0, 50_010, 50_010))
                .orElseThrow();

        assertThat(detection.rule()).isEqualTo(Rule.SHARE);
    }

    @Test
    void largeTable_emptiedWithoutCounters_firesTruncated() {
        judge(Readings.at(minute(0)).exact("orders", 50_000, -1, -1));

        assertThat(judge(Readings.at(minute(1)).exact("orders", 0, -1, -1)))
                .map(Detection::rule).contains(Rule.TRUNCATED);
    }

    @Test
    void smallTable_emptiedWithoutCounters_isNotJudged() {
        judge(Readings.at(minute(0)).exact("queue", 12, -1, -1));

        assertThat(judge(Readings.at(minute(1)).exact("queue", 0, -1, -1))).isEmpty();
    }

    @Test
    void droppedTable_firesAtOnceEvenForEstimates() {
        judge(Readings.at(minute(0)).estimate("orders", 5, 0, 5).estimate("customers", 70, 0,
                70));

        Detection detection = judge(Readings.at(minute(1)).estimate("customers", 70, 0, 70))
                .orElseThrow();

        assertThat(detection.rule()).isEqualTo(Rule.DROPPED);
        assertThat(detection.tables()).containsExactly(new TableDetection("public", "orders",
                Rule.DROPPED, 5, TableDetection.ABSENT, minute(0), true));
    }

    @Test
    void ignoredOrUnwatchedDrop_doesNotFire() {
        GuardPolicy policy = new GuardPolicy(Thresholds.DEFAULTS, List.of(
                TableOverride.ignore("staging.*"),
                new TableOverride("public.tmp_*", null, null, null, false, null, false)),
                GuardPolicy.DEFAULT_WINDOW, GuardAction.ROLLBACK);
        Detector guarded = new Detector("shop", policy);
        guarded.judge(Readings.at(minute(0)).exact("staging.load", 9_000, 0, 9_000)
                .exact("tmp_x", 10, 0, 10).exact("orders", 10, 0, 10).reading(),
                Optional.empty());

        assertThat(guarded.judge(Readings.at(minute(1)).exact("orders", 10, 0, 10).reading(),
                Optional.empty())).isEmpty();
    }

    @Test
    void detection_isNotRepeatedOnLaterReadings() {
        judge(Readings.at(minute(0)).exact("orders", 10_000, 0, 10_000));
        Detection detection = judge(Readings.at(minute(1)).exact("orders", 1_000, 9_000,
                10_000)).orElseThrow();

        assertThat(judge(Readings.at(minute(2)).exact("orders", 1_000, 9_000, 10_000),
                Readings.at(minute(0).minusSeconds(30)).exact("orders", 10_000, 0, 10_000)))
                .isEmpty();
        assertThat(detection.detectedAt()).isEqualTo(minute(1));
    }

    @Test
    void detection_reportsPendingTablesOfTheSource() {
        judge(Readings.at(minute(0)).exact("orders", 10_000, 0, 10_000)
                .estimate("lines", 80_000, 0, 80_000));

        Detection detection = judge(Readings.at(minute(1)).exact("orders", 0, 10_000, 10_000)
                .estimate("lines", 1_000, 79_000, 80_000)).orElseThrow();

        assertThat(detection.tables()).extracting(TableDetection::name)
                .containsExactly("public.lines", "public.orders");
        assertThat(detector.pendingTables()).isEmpty();
    }

    @Test
    void slowDeletion_longerThanWindow_doesNotFire() {
        long rows = 100_000;
        for (int minute = 0; minute <= 60; minute++) {
            long deleted = 100_000 - rows;
            assertThat(judge(Readings.at(minute(minute)).exact("orders", rows, deleted, 100_000)))
                    .isEmpty();
            rows -= 1_000;
        }
    }

    @Test
    void firstReading_comparedWithOldBaseline() {
        Readings baseline = Readings.at(minute(-600)).exact("orders", 10_000, 0, 10_000)
                .exact("customers", 500, 0, 500);

        Detection detection = judge(Readings.at(minute(0)).exact("orders", 2_000, 8_000,
                10_000), baseline).orElseThrow();

        assertThat(detection.tables()).extracting(TableDetection::name, TableDetection::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.customers",
                        Rule.DROPPED), org.assertj.core.groups.Tuple.tuple("public.orders",
                        Rule.SHARE));
        assertThat(detection.intactAt()).isEqualTo(minute(-600));
    }

    @Test
    void pollingGap_comparedWithReadingBeforeIt() {
        judge(Readings.at(minute(0)).exact("orders", 10_000, 0, 10_000));

        assertThat(judge(Readings.at(minute(45)).exact("orders", 3_000, 7_000, 10_000)))
                .map(Detection::intactAt).contains(minute(0));
    }

    @Test
    void baselineOutsideWindow_isIgnoredWhileReadingsFlow() {
        Readings old = Readings.at(minute(-60)).exact("orders", 50_000, 0, 50_000);
        judge(Readings.at(minute(0)).exact("orders", 30_000, 20_000, 50_000), old);

        assertThat(judge(Readings.at(minute(1)).exact("orders", 20_000, 30_000, 50_000), old))
                .isEmpty();
    }

    @Test
    void baselineInsideWindow_countsAsEarlierState() {
        judge(Readings.at(minute(0)).exact("orders", 6_000, 0, 6_000));
        Readings snapshot = Readings.at(minute(0).plusSeconds(30)).exact("orders", 12_000, 0,
                12_000);

        assertThat(judge(Readings.at(minute(1)).exact("orders", 5_000, 7_000, 12_000),
                snapshot)).map(Detection::intactAt).contains(minute(0).plusSeconds(30));
    }

    @Test
    void acknowledged_baselineBeforeIt_isIgnored() {
        detector.acknowledge(minute(-5));
        Readings baseline = Readings.at(minute(-600)).exact("orders", 10_000, 0, 10_000);

        assertThat(judge(Readings.at(minute(0)).exact("orders", 2_000, 8_000, 10_000),
                baseline)).isEmpty();
    }

    @Test
    void statisticsReset_ofEveryTable_doesNotFire() {
        judge(Readings.at(minute(0)).estimate("orders", 50_000, 900, 50_900)
                .estimate("lines", 200_000, 10, 200_010).estimate("empty", 0, 0, 0));

        assertThat(judge(Readings.at(minute(1)).estimate("orders", 0, 0, 0)
                .estimate("lines", 0, 0, 0).estimate("empty", 0, 0, 0))).isEmpty();
        assertThat(judge(Readings.at(minute(2)).estimate("orders", 12, 0, 12)
                .estimate("lines", 3, 0, 3).estimate("empty", 0, 0, 0))).isEmpty();
        assertThat(judge(Readings.at(minute(3)).estimate("orders", 50_010, 0, 12)
                .estimate("lines", 200_003, 0, 3).estimate("empty", 0, 0, 0))).isEmpty();
    }

    @Test
    void countersDownAlone_rowsKept_doesNotFire() {
        judge(Readings.at(minute(0)).exact("orders", 50_000, 900, 50_900)
                .exact("lines", 200_000, 10, 200_010));

        assertThat(judge(Readings.at(minute(1)).exact("orders", 50_000, 0, 0)
                .exact("lines", 200_000, 20, 200_020))).isEmpty();
        assertThat(judge(Readings.at(minute(2)).exact("orders", 49_990, 10, 0)
                .exact("lines", 200_000, 20, 200_020))).isEmpty();
    }

    @Test
    void tableCreatedAnew_whileOthersCount_firesTruncated() {
        judge(Readings.at(minute(0)).exact("orders", 500, 900, 1_400)
                .exact("lines", 200_000, 10, 200_010));

        Detection detection = judge(Readings.at(minute(1)).exact("orders", 0, 0, 0)
                .exact("lines", 200_000, 20, 200_020)).orElseThrow();

        assertThat(detection.tables()).extracting(TableDetection::name, TableDetection::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.orders",
                        Rule.TRUNCATED));
    }

    @Test
    void unknownRows_areNotJudged() {
        judge(Readings.at(minute(0)).exact("orders", 50_000, 0, 50_000));

        assertThat(judge(Readings.at(minute(1)).exact("orders", -1, 0, 50_000))).isEmpty();
        assertThat(judge(Readings.at(minute(2)).exact("orders", 49_000, 1_000, 50_000)))
                .isEmpty();
    }

    @Test
    void clockGoingBack_isJudgedWithoutFailing() {
        judge(Readings.at(minute(10)).exact("orders", 10_000, 0, 10_000));

        assertThatCode(() -> judge(Readings.at(minute(5)).exact("orders", 10_000, 0, 10_000)))
                .doesNotThrowAnyException();
        assertThat(judge(Readings.at(minute(6)).exact("orders", 1_000, 9_000, 10_000)))
                .map(Detection::rule).contains(Rule.SHARE);
    }

    @Test
    void history_holdsOnlyWhatTheWindowNeeds() {
        for (int minute = 0; minute < 1_000; minute++) {
            long rows = 100_000 + (minute % 2 == 0 ? minute : -minute);
            judge(Readings.at(minute(minute)).exact("orders", rows, minute * 10L,
                    minute * 10L + rows).exact("growing", 1_000 + minute, 0, 1_000 + minute));
        }

        // A window of 10 minutes polled each minute holds at most 11 points per table.
        assertThat(detector.historySize()).isLessThanOrEqualTo(11 + 1);
    }
}
