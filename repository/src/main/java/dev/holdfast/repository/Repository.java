package dev.holdfast.repository;

import dev.holdfast.crypto.CryptoException;
import dev.holdfast.crypto.DamagedKeySlotException;
import dev.holdfast.crypto.KeySlot;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.MasterKey;
import dev.holdfast.crypto.WrongPassphraseException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.backup.Archiver;
import dev.holdfast.repository.check.Checker;
import dev.holdfast.repository.check.SealedObjectCheck;
import dev.holdfast.repository.chunker.CutRule;
import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexLoader;
import dev.holdfast.repository.index.IndexRebuilder;
import dev.holdfast.repository.lock.Lock;
import dev.holdfast.repository.lock.LockManager;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.placement.DamagedCopy;
import dev.holdfast.repository.placement.ExpectedObjects;
import dev.holdfast.repository.placement.PlacementCheck;
import dev.holdfast.repository.placement.PlacementReport;
import dev.holdfast.repository.placement.ProviderScrub;
import dev.holdfast.repository.placement.ProviderStatus;
import dev.holdfast.repository.placement.ProviderSurvey;
import dev.holdfast.repository.placement.RepairReport;
import dev.holdfast.repository.placement.Repairer;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.repository.placement.ScrubReport;
import dev.holdfast.repository.prune.ObjectLockCheck;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import dev.holdfast.repository.prune.Pruner;
import dev.holdfast.repository.restore.Restorer;
import dev.holdfast.repository.snapshot.SnapshotStore;
import dev.holdfast.repository.tree.TreeWalker;
import dev.holdfast.storage.ContentCheck;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An open repository. Thread-safe for reads; a backup or restore uses its own worker threads.
 */
public final class Repository implements AutoCloseable {
    /**
     * How long a backup waits for a conflicting lock, such as the exclusive lock of prune's
     * deletion phase, before it fails.
     */
    public static final Duration BACKUP_LOCK_WAIT = PruneOptions.DEFAULT_LOCK_WAIT;
    /** The deletion delay of repositories that do not record one (decision 12). */
    private static final Duration DEFAULT_DELETION_DELAY = Duration.ofDays(30);

    private final ObjectStore store;
    private final String id;
    private final MasterKey masterKey;
    private final Keyring keyring;
    private final String openedSlot;
    private final ConfigObject.Settings settings;
    /** Replaced when prune removed index files since it was read; see {@link #freshIndex}. */
    private volatile Index index;
    private volatile Set<String> indexFiles;
    private final LockManager locks;
    private volatile BlobLoader blobs;

    private Repository(ObjectStore store, String id, MasterKey masterKey, Keyring keyring, String openedSlot,
            ConfigObject.Settings settings, Index index, List<String> indexFiles) {
        this.store = store;
        this.id = id;
        this.masterKey = masterKey;
        this.keyring = keyring;
        this.openedSlot = openedSlot;
        this.settings = settings;
        this.index = index;
        this.indexFiles = Set.copyOf(indexFiles);
        this.locks = new LockManager(store, keyring, Clock.systemUTC());
        this.blobs = new BlobLoader(store.provider(), keyring, index);
    }

    /** Creates a repository on an empty provider and returns it opened with the first key slot. */
    public static Repository init(Provider provider, char[] passphrase, RepositoryOptions options,
            String keyLabel) throws RepositoryException {
        return RepositoryKeys.init(provider, passphrase, options, keyLabel);
    }

    /** Opens an existing repository with a passphrase that matches one of its key slots. */
    public static Repository open(Provider provider, char[] passphrase) throws RepositoryException {
        return RepositoryKeys.open(provider, passphrase);
    }

    static Repository assemble(ObjectStore store, String id, MasterKey masterKey, Keyring keyring,
            String openedSlot, ConfigObject.Settings settings) throws RepositoryException {
        try {
            IndexLoader.Result loaded = IndexLoader.load(store, keyring);
            // A damaged index only hides blobs; check reports it, and backups store those blobs again.
            return new Repository(store, id, masterKey, keyring, openedSlot, settings, loaded.index(),
                    loaded.files());
        } catch (StorageException e) {
            throw storageFailure("loading the index", e);
        }
    }

    static RepositoryException storageFailure(String operation, StorageException e) {
        return new RepositoryException(e.kind() == StorageException.Kind.NOT_FOUND ? Reason.NOT_FOUND
                : Reason.GENERAL, operation + " failed: " + e.getMessage(), e);
    }

    public String id() {
        return id;
    }

    public BackupSummary backup(BackupRequest request, Progress progress) throws RepositoryException {
        ObjectLockCheck.requireCovers(providers(), deletionDelayForObjectLock());
        try (Lock lock = locks.acquire("backup", false, BACKUP_LOCK_WAIT)) {
            freshIndex();
            Archiver archiver = new Archiver(store, keyring, index, blobs, settings.compressionLevel(),
                    settings.packTarget(), chunkerParameters(), underReplicatedSince(
                    replicated().map(ReplicatedProvider::underReplicated).orElse(Set.of())));
            try {
                return archiver.run(request, snapshots(), progress);
            } finally {
                rememberIndexFiles();
            }
        }
    }

    /**
     * Reloads the index when an index file read at opening is gone. Prune deletes packs only
     * after the index files that list them, so while none is gone every pack the index names
     * still exists; otherwise a backup would reuse blobs of deleted packs. Called under a
     * shared lock, which no prune's deletion phase runs beside.
     */
    private void freshIndex() throws RepositoryException {
        try {
            if (new java.util.HashSet<>(store.list(ObjectKind.INDEX)).containsAll(indexFiles)) {
                return;
            }
            IndexLoader.Result loaded = IndexLoader.load(store, keyring);
            index = loaded.index();
            indexFiles = Set.copyOf(loaded.files());
            blobs = new BlobLoader(store.provider(), keyring, index);
        } catch (StorageException e) {
            throw storageFailure("loading the index", e);
        }
    }

    /**
     * Records the index files that exist now, which list every pack the in-memory index names,
     * those of this backup included. Called under the shared lock, before any prune can delete.
     */
    private void rememberIndexFiles() {
        try {
            indexFiles = Set.copyOf(store.list(ObjectKind.INDEX));
        } catch (StorageException e) {
            // A name no listing holds makes the next backup reload the index.
            indexFiles = Set.of("");
        }
    }

    /**
     * Returns a source of the keys written below the full copy count after {@code before} was
     * taken. Locks are left out: they are not part of what a snapshot references.
     */
    private Supplier<List<String>> underReplicatedSince(Set<String> before) {
        // TODO: packs reused from earlier backups are not checked, so a snapshot that only
        // references an older under-replicated pack is not marked.
        return () -> replicated().map(ReplicatedProvider::underReplicated).orElse(Set.of())
                .stream().filter(key -> !before.contains(key))
                .filter(key -> !key.startsWith(ObjectKind.LOCK.prefix())).sorted().toList();
    }

    private Optional<ReplicatedProvider> replicated() {
        return store.provider() instanceof ReplicatedProvider replicated
                ? Optional.of(replicated) : Optional.empty();
    }

    /**
     * Returns every copy that reads found damaged and read elsewhere since the repository was
     * opened; empty on a repository with one provider, where damage fails the read.
     */
    public List<DamagedCopy> damagedCopies() {
        return replicated().map(ReplicatedProvider::damagedCopies).orElse(List.of());
    }

    private dev.holdfast.repository.chunker.ChunkerParameters chunkerParameters() throws RepositoryException {
        try {
            return new dev.holdfast.repository.chunker.ChunkerParameters(settings.minChunk(),
                    settings.averageChunk(), settings.maxChunk(), CutRule.fromCode(settings.cutRule()));
        } catch (IllegalArgumentException e) {
            throw new RepositoryException(Reason.GENERAL, "repository " + id + ": " + e.getMessage());
        }
    }

    /** Lists live snapshots, oldest first. */
    public List<SnapshotInfo> snapshots() throws RepositoryException {
        return new SnapshotStore(store, keyring).list();
    }

    /** Returns the names of snapshot objects that cannot be read or authenticated. */
    public List<String> damagedSnapshots() throws RepositoryException {
        return new SnapshotStore(store, keyring).listAll().damaged();
    }

    /** Finds a snapshot by full ID, unique prefix or "latest". */
    public SnapshotInfo snapshot(String idOrPrefix) throws RepositoryException {
        return new SnapshotStore(store, keyring).find(idOrPrefix);
    }

    /** Visits {@code path} (raw bytes, "/" for the root) and everything below it. */
    public void walk(String snapshotId, byte[] path, TreeVisitor visitor) throws RepositoryException {
        SnapshotStore snapshots = new SnapshotStore(store, keyring);
        new TreeWalker(blobs).walk(snapshots.rootTree(snapshot(snapshotId).id()), path, visitor);
    }

    /** Streams the content of a regular file; every blob is authenticated as it is read. */
    public InputStream openFile(String snapshotId, byte[] path) throws RepositoryException {
        SnapshotStore snapshots = new SnapshotStore(store, keyring);
        return new TreeWalker(blobs).openFile(snapshots.rootTree(snapshot(snapshotId).id()), path);
    }

    public RestoreSummary restore(RestoreRequest request, Progress progress) throws RepositoryException {
        try (Lock lock = locks.acquire("restore", false)) {
            freshIndex();
            SnapshotInfo snapshot = snapshot(request.snapshotId());
            var root = new SnapshotStore(store, keyring).rootTree(snapshot.id());
            return new Restorer(blobs).restore(root, request, progress);
        }
    }

    /**
     * Checks the repository's structure and, with {@code readData}, every blob. On several
     * providers it also checks placement: that the providers listing each object satisfy the
     * placement rules. Copies that reads found damaged, and read elsewhere, are problems too.
     */
    public CheckReport check(boolean readData, Progress progress) throws RepositoryException {
        try (Lock lock = locks.acquire("check", false)) {
            CheckReport report = new Checker(store, keyring).check(readData, progress);
            Optional<ReplicatedProvider> replicated = replicated();
            if (replicated.isEmpty()) {
                return report;
            }
            ExpectedObjects expected = expectedObjects();
            PlacementReport placement = new PlacementCheck(replicated.get().placement(),
                    providers()).run(expected);
            UnderReplicationMarks marks = new UnderReplicationMarks(store, keyring, blobs);
            List<String> healed = marks.healed(marks.marked(), expected, placement);
            List<CheckReport.Problem> damaged = damagedCopies().stream()
                    .map(copy -> new CheckReport.Problem(copy.key(), "the copy on provider \""
                            + copy.provider() + "\" failed its check, so another copy was read: "
                            + copy.reason()))
                    .toList();
            return report.withPlacement(damaged, placement, healed);
        }
    }

    /**
     * Checks the copies on the provider named {@code name} by themselves, reading nothing from
     * any other provider: which expected objects it lacks and, with {@code readData}, which of
     * its copies fail their hash or authentication. Without {@code readData}, copies are only
     * listed and their sizes compared with the other copies.
     *
     * @throws RepositoryException when no provider of the repository has that name, or the
     *     provider cannot be listed
     */
    public ScrubReport checkProvider(String name, boolean readData, Progress progress)
            throws RepositoryException {
        List<Provider> all = providers();
        Provider provider = all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new RepositoryException(Reason.GENERAL, "unknown provider \""
                        + name + "\": the repository's providers are " + all.stream()
                        .map(p -> "\"" + p.name() + "\"").collect(Collectors.joining(", "))));
        List<Provider> others = all.stream().filter(p -> p != provider).toList();
        try (Lock lock = locks.acquire("check", false)) {
            ExpectedObjects expected = expectedObjects();
            if (readData) {
                expected = expected.strengthened(
                        new SealedObjectCheck(keyring, masterKey)::forKey);
            }
            return ProviderScrub.run(provider, targets().contains(provider), others, expected,
                    readData, progress);
        } catch (StorageException e) {
            throw storageFailure("listing provider \"" + name + "\"", e);
        }
    }

    public List<KeySlotInfo> keys() throws RepositoryException {
        return RepositoryKeys.list(store, openedSlot);
    }

    public KeySlotInfo addKey(char[] passphrase, String label) throws RepositoryException {
        return RepositoryKeys.add(store, masterKey, id, passphrase, label);
    }

    /** Removes a key slot; the slot this repository was opened with cannot be removed. */
    public void removeKey(String idPrefix) throws RepositoryException {
        RepositoryKeys.remove(store, openedSlot, idPrefix);
    }

    /**
     * Indexes every pack that no readable index file lists, from the packs' own headers, and
     * removes damaged index files. Returns what was done.
     */
    public IndexRebuilder.Result rebuildIndex(Progress progress) throws RepositoryException {
        try (Lock lock = locks.acquire("rebuild-index", true)) {
            // The in-memory index of this instance is not refreshed; reopen to use the new files.
            return new IndexRebuilder(store, keyring).run(progress);
        } catch (StorageException e) {
            throw storageFailure("rebuilding the index", e);
        }
    }

    /** Removes stale locks, or all locks with {@code all}; returns how many were removed. */
    public int unlock(boolean all) throws RepositoryException {
        return locks.removeLocks(all);
    }

    /**
     * Surveys every provider of the repository: reachability, latency, what it stores, and
     * what it lacks or stores beyond what the repository expects.
     *
     * @param readData also read every expected object on every provider and count the copies
     *     whose bytes fail their check
     */
    public List<ProviderStatus> providerStatuses(boolean readData) throws RepositoryException {
        ExpectedObjects expected = expectedObjects();
        List<Provider> targets = targets();
        List<ProviderStatus> statuses = new ArrayList<>();
        for (Provider provider : providers()) {
            statuses.add(ProviderSurvey.survey(provider, targets.contains(provider), expected,
                    readData));
        }
        return statuses;
    }

    /**
     * Copies every missing or damaged object from a sound copy to the providers that placement
     * assigns it to. Safe to run again at any time: a run with nothing to do writes nothing.
     */
    public RepairReport repair() throws RepositoryException {
        return repair(Progress.NONE);
    }

    /** Repairs as {@link #repair()} does and reports the objects handled to {@code progress}. */
    public RepairReport repair(Progress progress) throws RepositoryException {
        try (Lock lock = locks.acquire("repair", false)) {
            ExpectedObjects expected = expectedObjects();
            RepairReport report = new Repairer(providers(), targets()).run(expected, progress);
            return report.withRecorded(recordReplicated(expected));
        }
    }

    /**
     * Seeds one provider of the repository: copies every expected object (the set that a
     * repair keeps on each target) that is missing or damaged on the provider from a sound
     * copy on another provider. Objects already on it are read back, and sound ones skipped.
     * The provider need not be a placement target. Safe to run again, like a repair.
     *
     * @throws RepositoryException when the repository has no provider of that name, or when
     *     the provider contains a config object that is not this repository's
     */
    public RepairReport copyTo(String providerName, Progress progress)
            throws RepositoryException {
        Provider target = provider(providerName);
        try (Lock lock = locks.acquire("copy", false)) {
            rejectOtherRepository(target);
            return new Repairer(providers(), List.of(target)).run(expectedObjects(), progress);
        }
    }

    private Provider provider(String name) throws RepositoryException {
        for (Provider provider : providers()) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new RepositoryException(Reason.NOT_FOUND, "provider \"" + name + "\" is not one "
                + "of the repository's providers (" + String.join(", ", providers().stream()
                .map(Provider::name).toList()) + ")");
    }

    /**
     * Rejects a provider whose config object, or its copy, is not this repository's, so that
     * a copy neither mixes two repositories nor replaces another repository's config as a
     * damaged copy. A config of this repository that fails authentication passes: the copy
     * replaces it.
     */
    private void rejectOtherRepository(Provider target) throws RepositoryException {
        for (String key : List.of(ConfigObject.KEY, ConfigObject.COPY_KEY)) {
            byte[] bytes;
            try {
                bytes = target.get(key);
            } catch (StorageException e) {
                if (e.kind() == StorageException.Kind.NOT_FOUND) {
                    continue;
                }
                throw storageFailure("reading \"" + key + "\" on provider \"" + target.name()
                        + "\"", e);
            }
            String owner;
            try {
                owner = ConfigObject.repositoryId(bytes);
            } catch (RepositoryException e) {
                owner = null;
            }
            if (!id.equals(owner)) {
                throw new RepositoryException(Reason.GENERAL, "provider \"" + target.name()
                        + "\" holds an object \"" + key + "\" that is "
                        + (owner == null ? "not a repository config"
                                : "the config of repository " + owner)
                        + ", not of repository " + id + "; copy writes only to a provider that "
                        + "is empty or holds this repository, so point it at an empty folder "
                        + "or bucket");
            }
        }
    }

    /**
     * Writes a replication record for every snapshot marked under-replicated whose objects now
     * all meet placement, judged from fresh listings; returns the IDs recorded.
     */
    private List<String> recordReplicated(ExpectedObjects expected) throws RepositoryException {
        Optional<ReplicatedProvider> replicated = replicated();
        if (replicated.isEmpty()) {
            return List.of();
        }
        UnderReplicationMarks marks = new UnderReplicationMarks(store, keyring, blobs);
        List<String> marked = marks.marked();
        if (marked.isEmpty()) {
            return List.of();
        }
        PlacementReport placement = new PlacementCheck(replicated.get().placement(),
                providers()).run(expected);
        return marks.record(marks.healed(marked, expected, placement));
    }

    /**
     * Returns the objects every target provider must hold: both config objects, the key slots,
     * keyrings, index files, snapshots and replication records that any provider lists, and
     * the packs the index names. Locks are left out because they are no part of the
     * repository's data.
     */
    private ExpectedObjects expectedObjects() throws RepositoryException {
        ExpectedObjects expected = new ExpectedObjects();
        ContentCheck config = this::configProblem;
        expected.add(ConfigObject.KEY, config);
        expected.add(ConfigObject.COPY_KEY, config);
        try {
            for (String name : store.list(ObjectKind.KEY)) {
                expected.add(ObjectKind.KEY.key(name), RepositoryKeys::keySlotProblem);
            }
            for (ObjectKind kind : List.of(ObjectKind.KEYRING, ObjectKind.INDEX,
                    ObjectKind.SNAPSHOT, ObjectKind.REPLICATED)) {
                for (String name : store.list(kind)) {
                    expected.add(kind.key(name), bytes -> ObjectStore.hashProblem(name, bytes));
                }
            }
        } catch (StorageException e) {
            throw storageFailure("listing the repository's objects", e);
        }
        for (String pack : index.packs()) {
            expected.add(ObjectKind.PACK.key(pack), bytes -> ObjectStore.hashProblem(pack, bytes));
        }
        return expected;
    }

    /** Returns why {@code bytes} are not this repository's authenticated config, or null. */
    private String configProblem(byte[] bytes) {
        try {
            ConfigObject.settings(bytes, keyring);
            return ConfigObject.repositoryId(bytes).equals(id) ? null
                    : "it belongs to another repository";
        } catch (RepositoryException e) {
            return e.getMessage();
        }
    }

    private List<Provider> providers() {
        return replicated().map(ReplicatedProvider::providers)
                .orElse(List.of(store.provider()));
    }

    private List<Provider> targets() {
        return replicated().map(ReplicatedProvider::targets).orElse(List.of(store.provider()));
    }

    /**
     * Removes the snapshots that retention made eligible and the data that only they need; see
     * {@link Pruner}.
     */
    public PruneReport prune(PruneOptions options) throws RepositoryException {
        return prune(snapshotsToRemove(), recordsToRemove(), options);
    }

    /**
     * Removes the snapshots {@code snapshots} and the data that only they need, then deletes
     * {@code extraKeys}. Nothing checks that the snapshots are eligible: callers other than
     * {@link #prune(PruneOptions)} are tests and the retention code.
     */
    public PruneReport prune(Set<String> snapshots, List<String> extraKeys, PruneOptions options)
            throws RepositoryException {
        PruneReport report = pruner(Clock.systemUTC()).run(snapshots, extraKeys, options);
        // Walks and file reads take no lock, so they would otherwise read deleted packs.
        freshIndex();
        return report;
    }

    /**
     * Returns a pruner of this repository whose object-lock dates are judged by {@code clock},
     * for callers that run its two phases apart.
     */
    public Pruner pruner(Clock clock) throws RepositoryException {
        ObjectLockCheck.requireCovers(providers(), deletionDelayForObjectLock());
        return new Pruner(store, keyring, providers(), locks, settings.compressionLevel(),
                settings.packTarget(), clock);
    }

    // TODO(merge): return removableSnapshots() of the retention package.
    private Set<String> snapshotsToRemove() {
        return Set.of();
    }

    // TODO(merge): return the deletion records of the snapshots that removableSnapshots() names.
    private List<String> recordsToRemove() {
        return List.of();
    }

    // TODO(merge): return deletionDelay(), the delay the sealed settings record.
    private Duration deletionDelayForObjectLock() {
        return DEFAULT_DELETION_DELAY;
    }

    /** Returns the in-memory index, for statistics. */
    public Index index() {
        return index;
    }

    @Override
    public void close() {
        locks.close();
        keyring.close();
        masterKey.close();
    }

    static RepositoryException keyFailure(CryptoException e) {
        if (e instanceof WrongPassphraseException) {
            return new RepositoryException(Reason.WRONG_PASSPHRASE, e.getMessage(), e);
        }
        if (e instanceof DamagedKeySlotException) {
            return new RepositoryException(Reason.DAMAGED_KEY, e.getMessage(), e);
        }
        return new RepositoryException(Reason.DAMAGED_DATA, e.getMessage(), e);
    }

    static String keyOf(KeySlot slot) {
        return ObjectKind.KEY.key(slot.id());
    }
}
