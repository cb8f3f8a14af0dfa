package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.database.DatabaseKind;
import dev.holdfast.restoretester.Probe;
import dev.holdfast.restoretester.SourceKind;
import dev.holdfast.restoretester.TestSource;
import java.util.List;

/** Turns configured sources into the restore tester's sources, with their probes. */
public final class RestoreTestSources {
    private RestoreTestSources() {
    }

    /** Returns the test source of each of {@code sources}, in the given order. */
    public static List<TestSource> of(HoldfastConfig config, List<SourceConfig> sources) {
        return sources.stream().map(source -> of(config, source)).toList();
    }

    private static TestSource of(HoldfastConfig config, SourceConfig source) {
        if (source.database().isEmpty()) {
            return TestSource.files(source.name());
        }
        SourceKind kind = source.database().get().kind() == DatabaseKind.POSTGRESQL
                ? SourceKind.POSTGRESQL : SourceKind.MARIADB;
        List<Probe> probes = config.restoreTest().probes(source.name()).stream()
                .map(probe -> new Probe(probe.database(), probe.sql(), probe.expect()))
                .toList();
        return new TestSource(source.name(), kind, probes);
    }
}
