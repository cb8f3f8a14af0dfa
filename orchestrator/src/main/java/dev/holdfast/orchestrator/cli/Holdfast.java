package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows.Health;
import dev.holdfast.orchestrator.config.ConfigException;
import dev.holdfast.orchestrator.config.ConfigLoader;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.retention.Retention;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code holdfast} command: global options, the list of commands, and what they share
 * (printer, configuration, passphrases, opening the repository).
 */
@Command(name = "holdfast", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Holdfast.Version.class, sortOptions = false,
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        description = "Backs up files into an encrypted, deduplicated repository and restores "
                + "them.")
public final class Holdfast implements Runnable {
    static final String CONFIG_VARIABLE = "HOLDFAST_CONFIG";
    static final String DEFAULT_CONFIG = "holdfast.yaml";

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: $" + CONFIG_VARIABLE + ", else "
                    + DEFAULT_CONFIG + " in the working folder).")
    private Path configFile;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print results and errors only: no progress, warnings or summaries.")
    private boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print details, debug logging, and the stack trace of an error.")
    private boolean verbose;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print results as JSON (init, backup, snapshots, ls, restore, check, "
                    + "rebuild-index, unlock, key list, add and remove, providers, repair, "
                    + "copy, forget, undelete, audit, prune, restore-test, reports).")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final CliContext context;
    private Printer printer;
    private HoldfastConfig config;

    private Holdfast(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        CliContext context = CliContext.system();
        System.exit(Interruption.run(() -> run(context, args), context));
    }

    /**
     * Runs one command line and returns its exit status. Exceptions are handled by picocli's
     * handlers; a JVM error, which picocli lets through, is reported here in the same way.
     */
    static int run(CliContext context, String... args) {
        CommandLine commandLine = commandLine(context);
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            Holdfast root = commandLine.getCommand();
            return new Failures(root, context.err()).report(e);
        } finally {
            // Standard output is buffered for long listings; a scheduled job's lines must
            // reach the service's log when the job ends, not when the service stops.
            context.out().flush();
        }
    }

    /** Builds the command line for one run; {@link CommandLine#execute} returns its status. */
    static CommandLine commandLine(CliContext context) {
        Holdfast root = new Holdfast(context);
        CommandLine commandLine = new CommandLine(root);
        List<Object> commands = List.of(new InitCommand(root), new BackupCommand(root),
                new SnapshotsCommand(root), new LsCommand(root), new RestoreCommand(root),
                new DumpCommand(root), new CheckCommand(root), new KeyCommand(root),
                new UnlockCommand(root), new RebuildIndexCommand(root),
                new ProvidersCommand(root), new RepairCommand(root), new CopyCommand(root),
                new ForgetCommand(root), new UndeleteCommand(root), new AuditCommand(root),
                new PruneCommand(root), new CatalogCommand(root), new RunCommand(root),
                new ServeCommand(root), new CaCommand(root), new IncidentsCommand(root),
                new RollbackCommand(root), new RestoreTestCommand(root), new ReportsCommand(root));
        commands.forEach(commandLine::addSubcommand);
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.descriptions());
        Failures failures = new Failures(root, context.err());
        return commandLine.setOut(new PrintWriter(context.out(), true))
                .setErr(new PrintWriter(context.err(), true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(root::execute)
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
    }

    /** Without a command, holdfast has nothing to do: that is a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    private int execute(ParseResult parseResult) {
        if (quiet && verbose) {
            throw new ParameterException(spec.commandLine(),
                    "--quiet and --verbose exclude each other: pass one of them");
        }
        Printer.Level level = quiet ? Printer.Level.QUIET
                : verbose ? Printer.Level.VERBOSE : Printer.Level.NORMAL;
        printer = new Printer(context.out(), context.err(), level, json);
        Logging.setVerbose(verbose);
        return new RunLast().execute(parseResult);
    }

    CliContext context() {
        return context;
    }

    Printer printer() {
        return printer;
    }

    Passphrases passphrases() {
        return new Passphrases(context.environment(), context.terminal(),
                context.workingDirectory());
    }

    /** Resolves a path from the command line against the working folder of the run. */
    Path resolve(Path path) {
        return context.workingDirectory().resolve(path).normalize();
    }

    /** Loads the configuration file once per run. */
    HoldfastConfig config() throws CliException, ConfigException {
        if (config == null) {
            Path file = configPath();
            if (!Files.exists(file)) {
                throw new CliException(ExitCodes.USAGE, "configuration file \"" + file
                        + "\" not found: pass --config FILE or set " + CONFIG_VARIABLE);
            }
            config = ConfigLoader.load(file);
        }
        return config;
    }

    private Path configPath() {
        if (configFile != null) {
            return resolve(configFile);
        }
        String fromEnvironment = context.environment().get(CONFIG_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return resolve(Path.of(fromEnvironment));
        }
        return context.workingDirectory().resolve(DEFAULT_CONFIG);
    }

    /**
     * Opens the catalog to record a job in. A catalog that cannot be opened is a warning, and
     * the returned recorder then records nothing.
     */
    JobRecorder jobRecorder() throws CliException, ConfigException {
        return JobRecorder.open(config().catalog(), context.environment(), printer::warning,
                hostName(), context.clock(), context.fire());
    }

    /**
     * Opens the configured repository with the passphrase from {@link Passphrases#current}.
     * The provider is opened first, so that a missing repository is reported before anyone
     * is asked for a passphrase.
     */
    OpenRepository openRepository() throws Exception {
        return openRepository(null);
    }

    /**
     * Opens the configured repository as {@link #openRepository()} does, with the provider
     * named {@code seeded} opened as a new one that copy fills: its folder is created when
     * missing.
     */
    OpenRepository openRepository(String seeded) throws Exception {
        Provider provider = ProviderFactory.openRepository(config(), context.environment(),
                seeded, printer::warning);
        char[] passphrase = null;
        try {
            passphrase = passphrases().current();
            Repository repository = Repository.open(provider, passphrase, context.clock());
            printer.detail("opened repository " + repository.id() + " on provider \""
                    + provider.name() + "\"");
            requestDeletionDelay(repository);
            heapAdvice(repository.index().memoryBytes(), Runtime.getRuntime().maxMemory())
                    .ifPresent(printer::warning);
            return new OpenRepository(provider, repository, this::closing);
        } catch (RepositoryException e) {
            OpenRepository.closeQuietly(provider);
            throw new CliException(ExitCodes.forOpen(e.reason()), e.getMessage(), e);
        } catch (CliException | RuntimeException e) {
            OpenRepository.closeQuietly(provider);
            throw e;
        } finally {
            Passphrases.wipe(passphrase);
        }
    }

    /**
     * Lengthens the repository's deletion delay on this host to the configured one. A shorter
     * configured delay is ignored with a warning: the sealed delay is the minimum.
     */
    private void requestDeletionDelay(Repository repository) throws CliException, ConfigException {
        Optional<Duration> requested = config().repository().deletionDelay();
        if (requested.isEmpty()) {
            return;
        }
        Duration used = repository.requestDeletionDelay(requested.get());
        if (requested.get().compareTo(used) < 0) {
            printer.warning("repository.deletion-delay " + Retention.format(requested.get())
                    + " in \"" + config().file() + "\" is shorter than the deletion delay of "
                    + Retention.format(used) + " sealed in the repository, which cannot be "
                    + "shortened; using " + Retention.format(used));
        }
    }

    /**
     * Returns a warning when the in-memory index leaves too little of the Java heap for the
     * work itself, which the launcher keeps small (HOLDFAST_HEAP) so that small repositories
     * cost little memory. The advice comes before the work, so the operator can raise the
     * heap before a run stops for lack of memory.
     */
    static Optional<String> heapAdvice(long indexBytes, long maxHeap) {
        if (HeapHint.needed(indexBytes) <= maxHeap) {
            return Optional.empty();
        }
        return Optional.of("the repository's index takes " + indexBytes / HeapHint.MIB
                + " MiB of the " + maxHeap / HeapHint.MIB + " MiB Java heap, which leaves too "
                + "little for the work; set HOLDFAST_HEAP=" + HeapHint.suggestedMiB(indexBytes)
                + "m (or more) for the launcher");
    }

    /** Starts the progress line of a long operation; close it before printing a summary. */
    ProgressLine progress() {
        return progress("files");
    }

    /** Starts a progress line that counts {@code items}, such as "objects". */
    ProgressLine progress(String items) {
        return ProgressLine.start(printer, context.terminal(), items);
    }

    /** Returns this machine's host name, recorded in snapshots unless --host names another. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Returns the label of a new key slot when --label is not given, such as alice@laptop. */
    static String defaultKeyLabel() {
        return System.getProperty("user.name", "unknown") + "@" + hostName();
    }

    /** Reads the version from the Maven metadata that the jar carries. */
    static final class Version implements IVersionProvider {
        private static final String POM_PROPERTIES =
                "/META-INF/maven/dev.holdfast/holdfast-orchestrator/pom.properties";

        @Override
        public String[] getVersion() throws Exception {
            return new String[] {"holdfast " + number(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }

        /** Returns the version of this build, such as 0.1.0, or "(development build)". */
        static String number() throws IOException {
            String version = "(development build)";
            try (InputStream in = Holdfast.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    version = properties.getProperty("version", version);
                }
            }
            return version;
        }
    }

    /**
     * Raises the heap hint to what the index, as the run leaves it, needs next time, and
     * stores the outcome of the command's calls to each provider. Runs as the repository closes.
     */
    private void closing(OpenRepository open) {
        HeapHint.of(context.environment()).raise(open.repository().index().memoryBytes());
        List<Health> health = ProviderCalls.of(open.provider(), context.clock().instant());
        if (health.isEmpty()) {
            return;
        }
        // The command's own recorder has warned already when the catalog cannot be opened.
        try (JobRecorder recorder = JobRecorder.open(config().catalog(), context.environment(),
                warning -> { }, hostName(), context.clock(), context.fire())) {
            recorder.providerHealth(health);
        } catch (CliException | ConfigException e) {
            // The configuration was read before the repository was opened, so this is not
            // reached. The command's result is kept either way.
        }
    }

    /**
     * A repository opened together with its provider; closing closes both after
     * {@code closing} has seen them.
     */
    record OpenRepository(Provider provider, Repository repository,
            Consumer<OpenRepository> closing) implements AutoCloseable {
        // NOTE: the facade does not say whether Repository.close closes its provider, so the
        // provider is closed here as well. This assumes that a driver accepts a second close.
        @Override
        public void close() throws StorageException {
            try {
                closing.accept(this);
                repository.close();
            } finally {
                provider.close();
            }
        }

        static void closeQuietly(Provider provider) {
            try {
                provider.close();
            } catch (StorageException | RuntimeException e) {
                // The failure being reported matters more than a failed close.
            }
        }
    }
}
