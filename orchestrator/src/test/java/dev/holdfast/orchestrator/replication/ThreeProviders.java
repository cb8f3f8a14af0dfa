package dev.holdfast.orchestrator.replication;

import dev.holdfast.repository.placement.Fact;
import dev.holdfast.repository.placement.Placement;
import dev.holdfast.repository.placement.PlacementException;
import dev.holdfast.repository.placement.PlacementRules;
import dev.holdfast.repository.placement.ProviderFacts;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.s3.S3Provider;
import dev.holdfast.storage.s3.S3ProxyServer;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The providers of the replication tests: folders "disk-a" and "disk-b" and a bucket "s3" on
 * S3Proxy, run by three operators, with three copies written at a quorum of two.
 */
final class ThreeProviders {
    static final PlacementRules RULES = new PlacementRules(3, Set.of(Fact.OPERATOR), Set.of(), 2);
    private static final List<ProviderFacts> FACTS = List.of(
            new ProviderFacts("disk-a", "Acme", "DE", List.of("EU")),
            new ProviderFacts("disk-b", "Beta", "CH", List.of("CH")),
            new ProviderFacts("s3", "Gamma", "NO", List.of("NO")));

    private ThreeProviders() {
    }

    /** Opens the three drivers, the folders below {@code temp} and a new bucket on {@code server}. */
    static List<Provider> drivers(S3ProxyServer server, Path temp) throws Exception {
        return List.of(
                FileSystemProvider.create("disk-a", temp.resolve("a")),
                FileSystemProvider.create("disk-b", temp.resolve("b")),
                s3(server, server.createBucket()));
    }

    /** Opens the driver of provider "s3" on {@code bucket}, which must exist on the server. */
    static Provider s3(S3ProxyServer server, String bucket) throws StorageException {
        return S3Provider.open("s3", server.settings(bucket).build(), S3ProxyServer.environment());
    }

    /** Wraps each driver in a fault injector seeded with its position. */
    static List<FaultInjectingProvider> withFaults(List<Provider> drivers) {
        List<FaultInjectingProvider> faults = new ArrayList<>();
        for (int i = 0; i < drivers.size(); i++) {
            faults.add(new FaultInjectingProvider(drivers.get(i), i));
        }
        return faults;
    }

    /** Replicates over {@code members}, in the order of {@link #drivers}. */
    static ReplicatedProvider replicated(List<FaultInjectingProvider> members, Duration readTimeout)
            throws Exception {
        return replicated(members, RULES, readTimeout);
    }

    /** Replicates over {@code members}, any of the three providers by name, by {@code rules}. */
    static ReplicatedProvider replicated(List<? extends Provider> members, PlacementRules rules,
            Duration readTimeout) throws PlacementException {
        List<ProviderFacts> facts = new ArrayList<>();
        for (Provider member : members) {
            facts.add(FACTS.stream().filter(f -> f.name().equals(member.name())).findFirst()
                    .orElseThrow());
        }
        return new ReplicatedProvider("replicated", new ArrayList<>(members),
                Placement.plan(rules, facts), readTimeout);
    }
}
