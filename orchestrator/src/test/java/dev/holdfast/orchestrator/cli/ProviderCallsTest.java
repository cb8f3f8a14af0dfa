package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows.Health;
import dev.holdfast.orchestrator.config.ConfigLoader;
import dev.holdfast.storage.LoggingProvider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider health as each command leaves it in the catalog. */
class ProviderCallsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");

    @TempDir
    Path folder;

    @Test
    void of_failedCalls_countedWithNewestError() throws Exception {
        FaultInjectingProvider faults = new FaultInjectingProvider(
                FileSystemProvider.create("offsite", folder.resolve("repo")), 1);
        LoggingProvider provider = new LoggingProvider(faults);
        provider.putIfAbsent("data/a", new byte[] {1});
        faults.on(Operation.GET, "data/.*").failPermanent();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.get("data/a")).isInstanceOf(StorageException.class);
        }
        assertThatThrownBy(() -> provider.get("missing")).isInstanceOf(StorageException.class);

        List<Health> health = ProviderCalls.of(provider, NOW);

        assertThat(health).singleElement().satisfies(result -> {
            assertThat(result.provider()).isEqualTo("offsite");
            assertThat(result.status()).isEqualTo(ProviderHealthRows.ERRORS);
            assertThat(result.errors()).isEqualTo(2);
            assertThat(result.detail()).startsWith("2 of 4 calls failed")
                    .contains("injected permanent fault");
        });
    }

    @Test
    void of_providerNeverCalled_givesNoResult() throws Exception {
        LoggingProvider idle = new LoggingProvider(FileSystemProvider.create("idle",
                folder.resolve("idle")));

        assertThat(ProviderCalls.of(idle, NOW)).isEmpty();
    }

    @Test
    void backup_oneProviderMissing_storedUnreachable() throws Exception {
        ThreeFolders.writeData(folder);
        Path config = Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [a, b]
                  copies: 2
                  write-quorum: 1
                providers:
                  - { name: a, driver: filesystem, path: ./a }
                  - { name: b, driver: filesystem, path: ./b }
                sources:
                  - { name: sample, paths: [data] }
                """);
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", "health passphrase");
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        deleteTree(folder.resolve("b"));

        CliRunner.Result backup = cli.run("backup");

        assertThat(backup.stderr()).contains("provider \"b\" could not be opened");
        try (Catalog catalog = Catalog.open(ConfigLoader.load(config).catalog(), Map.of())) {
            List<Health> latest = catalog.providerHealth().latest();
            assertThat(latest).extracting(Health::provider, Health::status).containsExactly(
                    Tuple.tuple("a", ProviderHealthRows.OK),
                    Tuple.tuple("b", ProviderHealthRows.UNREACHABLE));
            assertThat(latest.get(0).detail()).endsWith("calls, none failed");
            assertThat(latest.get(1).detail()).contains("does not exist");
            assertThat(latest.get(1).errors()).isEqualTo(1);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
