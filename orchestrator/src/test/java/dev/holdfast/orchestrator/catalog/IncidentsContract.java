package dev.holdfast.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.orchestrator.catalog.Incidents.Freeze;
import dev.holdfast.orchestrator.catalog.Incidents.NewIncident;
import dev.holdfast.orchestrator.catalog.Incidents.SourceSummary;
import dev.holdfast.orchestrator.config.CatalogConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What every catalog engine must do with the guard's incidents: store them with their tables,
 * freeze the source in the same transaction, update their state, and lift freezes.
 */
abstract class IncidentsContract {
    static final Instant T0 = Instant.parse("2026-03-01T02:00:00.123456789Z");
    private static final Instant T0_STORED = T0.truncatedTo(ChronoUnit.MICROS);

    /** Returns the settings of a fresh, empty catalog. */
    abstract CatalogConfig freshCatalog() throws Exception;

    abstract Map<String, String> environment();

    /** Returns a connection source for the database of {@code config}, without migrating it. */
    abstract DataSource rawDataSource(CatalogConfig config);

    Catalog open(CatalogConfig config) throws CatalogException {
        return Catalog.open(config, environment());
    }

    private static NewIncident incident(String source, Instant detectedAt, String message) {
        return new NewIncident(source, detectedAt, detectedAt.minusSeconds(60), "share",
                "rollback", List.of(
                        new Incident.Table("public", "orders", "share", 10_000, 4_000,
                                detectedAt.minusSeconds(60), false),
                        new Incident.Table("public", "lines", "dropped", -1, -1,
                                detectedAt.minusSeconds(30), true)), message);
    }

    @Test
    void record_storesTablesAndFreezesSource() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long id = incidents.record(incident("shop", T0, "2 tables damaged"));

            Incident stored = incidents.find(id).orElseThrow();

            assertThat(stored.source()).isEqualTo("shop");
            assertThat(stored.detectedAt()).isEqualTo(T0_STORED);
            assertThat(stored.intactAt()).isEqualTo(T0_STORED.minusSeconds(60));
            assertThat(stored.rule()).isEqualTo("share");
            assertThat(stored.action()).isEqualTo("rollback");
            assertThat(stored.state()).isEqualTo(Incident.OPEN);
            assertThat(stored.unresolved()).isTrue();
            assertThat(stored.message()).isEqualTo("2 tables damaged");
            assertThat(stored.forensicSnapshotId()).isNull();
            assertThat(stored.updatedAt()).isEqualTo(T0_STORED);
            assertThat(stored.tables()).containsExactly(
                    new Incident.Table("public", "lines", "dropped", -1, -1,
                            T0_STORED.minusSeconds(30), true),
                    new Incident.Table("public", "orders", "share", 10_000, 4_000,
                            T0_STORED.minusSeconds(60), false));
            Map<String, List<Freeze>> frozen = incidents.frozenSources();
            assertThat(frozen).containsOnlyKeys("shop");
            Freeze freeze = frozen.get("shop").getFirst();
            assertThat(freeze.incidentId()).isEqualTo(id);
            assertThat(freeze.since()).isEqualTo(T0_STORED);
            assertThat(freeze.active()).isTrue();
        }
    }

    @Test
    void record_failingTable_leavesNoIncidentOrFreeze() throws Exception {
        NewIncident tooLong = new NewIncident("shop", T0, T0, "share", "alert", List.of(
                new Incident.Table("s".repeat(500), "t", "share", 5, 1, T0, false)), null);
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();

            assertThatThrownBy(() -> incidents.record(tooLong))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageStartingWith("cannot record an incident of source shop in the ");
            assertThat(incidents.list(null, 10)).isEmpty();
            assertThat(incidents.frozenSources()).isEmpty();
        }
    }

    @Test
    void list_newestFirst_bySourceAndLimit() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long first = incidents.record(incident("shop", T0, null));
            long second = incidents.record(incident("crm", T0.plusSeconds(60), null));
            long third = incidents.record(incident("shop", T0.plusSeconds(120), null));

            assertThat(incidents.list(null, 10)).extracting(Incident::id)
                    .containsExactly(third, second, first);
            assertThat(incidents.list("shop", 10)).extracting(Incident::id)
                    .containsExactly(third, first);
            assertThat(incidents.list(null, 1)).extracting(Incident::id).containsExactly(third);
            assertThat(incidents.find(third + 100)).isEmpty();
        }
    }

    @Test
    void updates_storeStateAndSnapshots() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long id = incidents.record(incident("shop", T0, null));

            incidents.setForensicSnapshot(id, "f".repeat(64), T0.plusSeconds(10));
            incidents.setRestored(id, "a".repeat(64), "shop_damaged_20260301", T0.plusSeconds(20));
            incidents.updateState(id, Incident.ROLLED_BACK, "restored snapshot aaaaaaaa",
                    T0.plusSeconds(30));

            Incident stored = incidents.find(id).orElseThrow();
            assertThat(stored.forensicSnapshotId()).isEqualTo("f".repeat(64));
            assertThat(stored.restoredSnapshotId()).isEqualTo("a".repeat(64));
            assertThat(stored.damagedDatabase()).isEqualTo("shop_damaged_20260301");
            assertThat(stored.state()).isEqualTo(Incident.ROLLED_BACK);
            assertThat(stored.message()).isEqualTo("restored snapshot aaaaaaaa");
            assertThat(stored.updatedAt()).isEqualTo(T0_STORED.plusSeconds(30));
        }
    }

    @Test
    void updates_invalidStateOrMissingIncident_areRejected() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long id = incidents.record(incident("shop", T0, null));

            assertThatThrownBy(() -> incidents.updateState(id, "resolved", null, T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("unknown incident state \"resolved\"");
            assertThatThrownBy(() -> incidents.setForensicSnapshot(id + 1, "f", T0))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageStartingWith("incident " + (id + 1) + " not found in the ")
                    .hasMessageEndingWith(": list the incidents with holdfast incidents");
        }
    }

    @Test
    void updateState_longMessage_isTruncated() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long id = incidents.record(incident("shop", T0, null));

            incidents.updateState(id, Incident.ROLLBACK_FAILED, "x".repeat(5_000), T0);

            assertThat(incidents.find(id).orElseThrow().message())
                    .hasSize(Incidents.MAX_TEXT).endsWith("…");
        }
    }

    @Test
    void lift_closesIncidentAndRecordsWhoAndWhy() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long id = incidents.record(incident("shop", T0, null));

            int lifted = incidents.lift(id, T0.plusSeconds(3600), "alice@ops", "data checked");

            assertThat(lifted).isEqualTo(1);
            assertThat(incidents.frozenSources()).isEmpty();
            Freeze freeze = incidents.freezes(id).getFirst();
            assertThat(freeze.active()).isFalse();
            assertThat(freeze.liftedAt()).isEqualTo(T0_STORED.plusSeconds(3600));
            assertThat(freeze.liftedBy()).isEqualTo("alice@ops");
            assertThat(freeze.liftReason()).isEqualTo("data checked");
            Incident closed = incidents.find(id).orElseThrow();
            assertThat(closed.state()).isEqualTo(Incident.CLOSED);
            assertThat(closed.message()).isEqualTo("freeze lifted by alice@ops: data checked");
            assertThat(incidents.lift(id, T0.plusSeconds(3700), "bob@ops", "again")).isZero();
        }
    }

    @Test
    void lift_oneOfTwoIncidents_keepsSourceFrozen() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long first = incidents.record(incident("shop", T0, null));
            long second = incidents.record(incident("shop", T0.plusSeconds(60), null));

            incidents.lift(first, T0.plusSeconds(120), "alice@ops", "false alarm");

            assertThat(incidents.frozenSources().get("shop")).extracting(Freeze::incidentId)
                    .containsExactly(second);
        }
    }

    @Test
    void lift_missingIncidentOrReason_isRejected() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long id = incidents.record(incident("shop", T0, null));

            assertThatThrownBy(() -> incidents.lift(id + 1, T0, "alice@ops", "why"))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageStartingWith("incident " + (id + 1) + " not found");
            assertThatThrownBy(() -> incidents.lift(id, T0, "alice@ops", " "))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(incidents.frozenSources()).containsOnlyKeys("shop");
        }
    }

    @Test
    void freeze_addsAnotherActiveFreeze() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long id = incidents.record(incident("shop", T0, null));
            incidents.lift(id, T0.plusSeconds(60), "alice@ops", "too early");

            incidents.freeze("shop", id, T0.plusSeconds(120));

            assertThat(incidents.frozenSources().get("shop")).extracting(Freeze::since)
                    .containsExactly(T0_STORED.plusSeconds(120));
            assertThat(incidents.freezes(id)).hasSize(2);
        }
    }

    @Test
    void summary_countsIncidentsPerSource() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            Incidents incidents = catalog.incidents();
            long first = incidents.record(incident("shop", T0, null));
            incidents.record(incident("shop", T0.plusSeconds(60), null));
            long crm = incidents.record(incident("crm", T0.plusSeconds(120), null));
            incidents.lift(crm, T0.plusSeconds(180), "alice@ops", "fixed");
            incidents.lift(first, T0.plusSeconds(180), "alice@ops", "fixed");

            assertThat(incidents.summary()).containsExactly(
                    new SourceSummary("crm", 1, 0, null),
                    new SourceSummary("shop", 2, 1, T0_STORED.plusSeconds(60)));
        }
    }

    @Test
    void open_version3Catalog_migratesToIncidents() throws Exception {
        CatalogConfig config = freshCatalog();
        Flyway.configure().dataSource(rawDataSource(config)).locations("classpath:db/catalog")
                .table(Catalog.HISTORY_TABLE).target("3").load().migrate();

        try (Catalog catalog = open(config)) {
            long id = catalog.incidents().record(incident("shop", T0, null));

            assertThat(catalog.incidents().find(id)).isPresent();
        }
    }
}
