package dev.holdfast.restoretester;

import java.util.List;
import java.util.Objects;

/**
 * A source whose snapshots a restore test restores.
 *
 * @param name the source's name in the configuration
 * @param kind what it backs up
 * @param probes SQL checks of a database source, run after the restore; empty for files
 */
public record TestSource(String name, SourceKind kind, List<Probe> probes) {
    public TestSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        probes = List.copyOf(probes);
        if (kind == SourceKind.FILES && !probes.isEmpty()) {
            throw new IllegalArgumentException("source '" + name + "' backs up files, so it"
                    + " cannot have SQL probes; remove them or name a database source");
        }
    }

    /** Creates a file source. */
    public static TestSource files(String name) {
        return new TestSource(name, SourceKind.FILES, List.of());
    }
}
