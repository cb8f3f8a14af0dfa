package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.ProviderConfig;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.storage.Provider;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Creates a repository on the provider that "
        + "repository.providers names, with chunker, pack-size and compression from the "
        + "configuration.")
final class InitCommand implements Callable<Integer> {
    @Option(names = "--label", paramLabel = "TEXT",
            description = "Label of the first key slot (default: user@host).")
    private String label;

    private final Holdfast app;

    InitCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        HoldfastConfig config = app.config();
        RepositoryOptions options = config.repository().options();
        ProviderConfig target = config.repositoryProvider();
        // Checked before the passphrase is typed twice, and again when the provider is created.
        for (ProviderConfig provider : config.repositoryProviders()) {
            ProviderFactory.checkNewRepositoryFolder(provider);
        }
        char[] passphrase = app.passphrases().forNewRepository();
        String keyLabel = label != null ? label : Holdfast.defaultKeyLabel();
        try (Provider provider = ProviderFactory.createRepository(config,
                        app.context().environment());
                Repository repository = Repository.init(provider, passphrase, options, keyLabel,
                        app.context().clock())) {
            report(repository.id(), target);
            warnShortDelay(options);
        } finally {
            Passphrases.wipe(passphrase);
        }
        return ExitCodes.SUCCESS;
    }

    /**
     * Warns when the sealed deletion delay is under a day: it cannot be lengthened for every
     * host later, and it leaves little time to notice a mistaken or hostile forget.
     */
    private void warnShortDelay(RepositoryOptions options) {
        Duration delay = options.deletionDelay();
        if (delay != null && delay.compareTo(Duration.ofDays(1)) < 0) {
            app.printer().warning("repository.deletion-delay is " + delay.toString()
                    .substring(2).toLowerCase(java.util.Locale.ROOT) + ": forgotten snapshots "
                    + "can be pruned that soon, and the sealed delay cannot be shortened or "
                    + "lengthened for every host later. Use at least a few days outside tests");
        }
    }

    private void report(String id, ProviderConfig target) {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.repository(id, target.name()));
            return;
        }
        printer.info("created repository " + id + " on provider \"" + target.name() + "\" ("
                + target.location() + ")");
        printer.info("Keep the passphrase safe: without it nothing in the repository can be "
                + "restored.");
    }
}
