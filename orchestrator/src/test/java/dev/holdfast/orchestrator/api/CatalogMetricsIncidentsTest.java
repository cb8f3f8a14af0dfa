package dev.holdfast.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.Incident;
import dev.holdfast.orchestrator.catalog.Incidents;
import dev.holdfast.orchestrator.catalog.Incidents.NewIncident;
import dev.holdfast.orchestrator.config.CatalogConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident metrics, computed from an embedded catalog at each scrape. */
class CatalogMetricsIncidentsTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @TempDir
    Path folder;

    private static NewIncident incident(String source, Instant detectedAt) {
        return new NewIncident(source, detectedAt, detectedAt.minusSeconds(60), "dropped",
                "alert", List.of(new Incident.Table("public", "orders", "dropped", 10, -1,
                        detectedAt.minusSeconds(60), false)), null);
    }

    @Test
    void scrape_countsIncidentsAndNewestUnresolved() throws Exception {
        CatalogMetrics metrics = new CatalogMetrics();
        try (Catalog catalog = Catalog.open(CatalogConfig.embedded(folder), Map.of())) {
            Incidents incidents = catalog.incidents();
            long first = incidents.record(incident("shop", T0));
            incidents.record(incident("shop", T0.plusSeconds(60)));
            long crm = incidents.record(incident("crm", T0.plusSeconds(120)));
            assertThat(metrics.scrape(catalog, true, T0)).contains(
                    "holdfast_incidents_total{source=\"shop\"} 2.0",
                    "holdfast_incidents_unresolved{source=\"shop\"} 2.0",
                    "holdfast_incident_newest_unresolved_timestamp_seconds{source=\"shop\"} "
                            + (double) T0.plusSeconds(60).getEpochSecond(),
                    "holdfast_incidents_total{source=\"crm\"} 1.0");

            incidents.lift(crm, T0.plusSeconds(180), "alice@ops", "checked");
            incidents.lift(first, T0.plusSeconds(180), "alice@ops", "checked");
            incidents.record(incident("shop", T0.plusSeconds(240)));
            String scraped = metrics.scrape(catalog, true, T0);

            assertThat(scraped).contains("holdfast_incidents_total{source=\"shop\"} 3.0",
                    "holdfast_incidents_unresolved{source=\"shop\"} 2.0",
                    "holdfast_incident_newest_unresolved_timestamp_seconds{source=\"shop\"} "
                            + (double) T0.plusSeconds(240).getEpochSecond(),
                    "holdfast_incidents_unresolved{source=\"crm\"} 0.0",
                    "holdfast_incident_newest_unresolved_timestamp_seconds{source=\"crm\"} 0.0");
            assertThat(scraped).contains("# TYPE holdfast_incidents_total counter");
        }
    }
}
