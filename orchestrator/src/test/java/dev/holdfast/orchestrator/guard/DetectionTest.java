package dev.holdfast.orchestrator.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.catalog.Incident;
import dev.holdfast.orchestrator.catalog.Incidents.NewIncident;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    private static final Detection DETECTION = new Detection("shop", Rule.DROPPED, List.of(
            new TableDetection("public", "lines", Rule.DROPPED, 80_000, TableDetection.ABSENT,
                    T0.minusSeconds(30), true),
            new TableDetection("public", "orders", Rule.SHARE, 10_000, 3_000,
                    T0.minusSeconds(90), false)),
            T0.minusSeconds(60), T0, GuardAction.ROLLBACK);

    @Test
    void describe_namesEveryTable() {
        assertThat(DETECTION.describe()).isEqualTo("2 tables damaged in source \"shop\": "
                + "public.lines dropped (80000 rows before) (estimated); public.orders share, "
                + "10000 to 3000 rows");
    }

    @Test
    void toNewIncident_carriesTablesAndIntactTime() {
        NewIncident incident = DETECTION.toNewIncident();

        assertThat(incident.source()).isEqualTo("shop");
        assertThat(incident.detectedAt()).isEqualTo(T0);
        assertThat(incident.intactAt()).isEqualTo(T0.minusSeconds(90));
        assertThat(incident.rule()).isEqualTo("dropped");
        assertThat(incident.action()).isEqualTo("rollback");
        assertThat(incident.message()).isEqualTo(DETECTION.describe());
        assertThat(incident.tables()).containsExactly(
                new Incident.Table("public", "lines", "dropped", 80_000, -1,
                        T0.minusSeconds(30), true),
                new Incident.Table("public", "orders", "share", 10_000, 3_000,
                        T0.minusSeconds(90), false));
    }
}
