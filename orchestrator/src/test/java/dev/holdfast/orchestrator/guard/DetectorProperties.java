package dev.holdfast.orchestrator.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The detector under the default policy against a simple model of a busy database: each table
 * has a base row count, and steady churn keeps its live count within a band around it (at most
 * a fifth of the base and 40,000 rows either side, so the band stays below both the share and
 * the rows threshold) while its counters grow by up to three times its size per reading.
 * Readings are estimates or counts at random, and come 1 second to 30 minutes apart, so that
 * both the window and the gap rule are exercised.
 */
class DetectorProperties {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @Property
    void steadyChurn_neverFires(@ForAll Random random,
            @ForAll @IntRange(min = 1, max = 6) int tables,
            @ForAll @IntRange(min = 2, max = 80) int readings) {
        Model model = new Model(random, tables);
        Detector detector = new Detector("db", GuardPolicy.DEFAULT);
        Optional<Reading> baseline = model.baseline();

        for (int i = 0; i < readings; i++) {
            assertThat(detector.judge(model.churn(), baseline)).isEmpty();
        }
    }

    @Property
    void bulkDeletion_firesWithinTwoReadings(@ForAll Random random,
            @ForAll @IntRange(min = 1, max = 6) int tables,
            @ForAll @IntRange(min = 1, max = 40) int before,
            @ForAll @IntRange(min = 0, max = 5) int victim,
            @ForAll @IntRange(min = 50, max = 100) int percentDeleted) {
        Model model = new Model(random, tables);
        Detector detector = new Detector("db", GuardPolicy.DEFAULT);
        Optional<Reading> baseline = model.baseline();
        for (int i = 0; i < before; i++) {
            assertThat(detector.judge(model.churn(), baseline)).isEmpty();
        }
        int table = victim % tables;

        Optional<Detection> first = detector.judge(model.delete(table, percentDeleted / 100.0),
                baseline);
        Optional<Detection> detection = first.isPresent() ? first
                : detector.judge(model.unchanged(), baseline);

        assertThat(detection).isPresent();
        assertThat(detection.get().tables()).extracting(TableDetection::name)
                .contains(model.name(table));
    }

    @Property
    void counterReset_neverFires(@ForAll Random random,
            @ForAll @IntRange(min = 1, max = 6) int tables,
            @ForAll @IntRange(min = 1, max = 40) int before,
            @ForAll @IntRange(min = 1, max = 40) int after,
            @ForAll boolean rowsResetToo) {
        Model model = new Model(random, tables);
        Detector detector = new Detector("db", GuardPolicy.DEFAULT);
        Optional<Reading> baseline = model.baseline();
        for (int i = 0; i < before; i++) {
            assertThat(detector.judge(model.churn(), baseline)).isEmpty();
        }

        assertThat(detector.judge(model.resetStatistics(rowsResetToo), baseline)).isEmpty();
        for (int i = 0; i < after; i++) {
            assertThat(detector.judge(model.churn(), baseline)).isEmpty();
        }
    }

    @Property
    void singleTableCounterReset_rowsKept_neverFires(@ForAll Random random,
            @ForAll @IntRange(min = 2, max = 6) int tables,
            @ForAll @IntRange(min = 1, max = 20) int before,
            @ForAll @IntRange(min = 0, max = 5) int table) {
        Model model = new Model(random, tables);
        Detector detector = new Detector("db", GuardPolicy.DEFAULT);
        for (int i = 0; i < before; i++) {
            detector.judge(model.churn(), Optional.empty());
        }

        assertThat(detector.judge(model.resetCounters(table % tables), Optional.empty()))
                .isEmpty();
        assertThat(detector.judge(model.churn(), Optional.empty())).isEmpty();
    }

    @Property
    void droppedTable_fires(@ForAll Random random,
            @ForAll @IntRange(min = 1, max = 6) int tables,
            @ForAll @IntRange(min = 1, max = 40) int before,
            @ForAll @IntRange(min = 0, max = 5) int victim) {
        Model model = new Model(random, tables);
        Detector detector = new Detector("db", GuardPolicy.DEFAULT);
        Optional<Reading> baseline = model.baseline();
        for (int i = 0; i < before; i++) {
            detector.judge(model.churn(), baseline);
        }
        int table = victim % tables;

        Optional<Detection> detection = detector.judge(model.drop(table), baseline);

        assertThat(detection).isPresent();
        assertThat(detection.get().tables()).anySatisfy(found -> {
            assertThat(found.name()).isEqualTo(model.name(table));
            assertThat(found.rule()).isEqualTo(Rule.DROPPED);
        });
    }

    /** Tables whose live counts stay in a band while their counters grow. */
    private static final class Model {
        private final Random random;
        private final long[] base;
        private final long[] live;
        private final long[] deleted;
        private final long[] inserted;
        private final boolean[] dropped;
        private Instant time = T0;

        Model(Random random, int tables) {
            this.random = random;
            base = new long[tables];
            live = new long[tables];
            deleted = new long[tables];
            inserted = new long[tables];
            dropped = new boolean[tables];
            for (int i = 0; i < tables; i++) {
                base[i] = 2_000 + random.nextLong(5_000_000);
                live[i] = inBand(i);
                deleted[i] = 1 + random.nextLong(1_000_000);
                inserted[i] = live[i] + deleted[i];
            }
        }

        String name(int table) {
            return "public.t" + table;
        }

        /** Returns the statistics of a snapshot taken up to a day before the first reading. */
        Optional<Reading> baseline() {
            if (random.nextBoolean()) {
                return Optional.empty();
            }
            Instant at = T0.minusSeconds(1 + random.nextInt(86_400));
            List<TableReading> tables = new ArrayList<>();
            for (int i = 0; i < base.length; i++) {
                tables.add(new TableReading("public", "t" + i, inBand(i), random.nextBoolean(),
                        deleted[i] / 2, inserted[i] / 2));
            }
            return Optional.of(new Reading(at, tables));
        }

        /** Deletes and inserts rows in every table, leaving each within its band. */
        Reading churn() {
            for (int i = 0; i < base.length; i++) {
                long next = inBand(i);
                // Shrinking by n rows takes at least n deletions.
                long removed = Math.max(random.nextLong(3 * base[i] + 1), live[i] - next);
                deleted[i] += removed;
                inserted[i] += removed + next - live[i];
                live[i] = next;
            }
            return next();
        }

        /** Deletes {@code share} of one table's rows, rounded up, and changes nothing else. */
        Reading delete(int table, double share) {
            long removed = (long) Math.ceil(share * live[table]);
            live[table] -= removed;
            deleted[table] += removed;
            return next();
        }

        Reading unchanged() {
            return next();
        }

        Reading drop(int table) {
            dropped[table] = true;
            return next();
        }

        /**
         * Resets the counters of every table, as a reset or crash of the server does, and the
         * live counts too when {@code rows} is true, as PostgreSQL's pg_stat_reset does.
         */
        Reading resetStatistics(boolean rows) {
            for (int i = 0; i < base.length; i++) {
                deleted[i] = random.nextLong(deleted[i]);
                inserted[i] = random.nextLong(inserted[i]);
                if (rows) {
                    live[i] = 0;
                }
            }
            return next();
        }

        Reading resetCounters(int table) {
            deleted[table] = 0;
            inserted[table] = 0;
            return next();
        }

        private long inBand(int table) {
            long spread = Math.min(base[table] / 5, 40_000);
            return base[table] - spread + random.nextLong(2 * spread + 1);
        }

        private Reading next() {
            time = time.plus(Duration.ofSeconds(1 + random.nextInt(1_800)));
            List<TableReading> tables = new ArrayList<>();
            for (int i = 0; i < base.length; i++) {
                if (!dropped[i]) {
                    tables.add(new TableReading("public", "t" + i, live[i], random.nextBoolean(),
                            deleted[i], inserted[i]));
                }
            }
            return new Reading(time, tables);
        }
    }
}
