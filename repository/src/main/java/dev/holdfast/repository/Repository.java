package dev.holdfast.repository;

import dev.holdfast.crypto.CryptoException;
import dev.holdfast.crypto.DamagedKeySlotException;
import dev.holdfast.crypto.KeySlot;
import dev.holdfast.crypto.KeySlotRole;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.MasterKey;
import dev.holdfast.crypto.WrongPassphraseException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.audit.AuditTrail;
import dev.holdfast.repository.audit.AuditVerifier;
import dev.holdfast.repository.backup.Archiver;
import dev.holdfast.repository.check.Checker;
import dev.holdfast.repository.check.PackSample;
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
import dev.holdfast.repository.retention.BulkDeletionException;
import dev.holdfast.repository.retention.BulkDeletionGuard;
import dev.holdfast.repository.retention.DeletedSnapshot;
import dev.holdfast.repository.retention.ForgetOptions;
import dev.holdfast.repository.retention.ForgetResult;
import dev.holdfast.repository.retention.RemovableSnapshot;
import dev.holdfast.repository.retention.Retention;
import dev.holdfast.repository.snapshot.AuditAnchor;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open repository. Thread-safe for reads; a backup or restore uses its own worker threads.
 */
public final class Repository implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Repository.class);
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
    /** Times snapshots and deletion records, and decides when the deletion delay ends. */
    private final Clock clock;
    private volatile Duration deletionDelay;
    private final RepositoryAudit audit;
    private final AccessPolicy access;

    private Repository(ObjectStore store, String id, MasterKey masterKey, Keyring keyring, String openedSlot,
            KeySlotRole role, ConfigObject.Settings settings, Index index, List<String> indexFiles,
            Clock clock) {
        this.store = store;
        this.id = id;
        this.masterKey = masterKey;
        this.keyring = keyring;
        this.openedSlot = openedSlot;
        this.settings = settings;
        this.index = index;
        this.indexFiles = Set.copyOf(indexFiles);
        // Locks keep the system clock: their heartbeats measure real time between processes.
        this.locks = new LockManager(store, keyring, Clock.systemUTC());
        this.clock = clock;
        this.deletionDelay = settings.deletionDelayOrDefault();
        this.blobs = new BlobLoader(store.provider(), keyring, index);
        this.audit = new RepositoryAudit(store, keyring, clock);
        this.access = new AccessPolicy(store.provider(), openedSlot, role);
    }

    /** Creates a repository on an empty provider and returns it opened with the first key slot. */
    public static Repository init(Provider provider, char[] passphrase, RepositoryOptions options,
            String keyLabel) throws RepositoryException {
        return init(provider, passphrase, options, keyLabel, Clock.systemUTC());
    }

    /** Creates a repository as {@link #init} does, timed by {@code clock}. */
    public static Repository init(Provider provider, char[] passphrase, RepositoryOptions options,
            String keyLabel, Clock clock) throws RepositoryException {
        Repository repository = RepositoryKeys.init(provider, passphrase, options, keyLabel, clock);
        repository.audit.record("init", Map.of("repository", repository.id,
                "slot", repository.openedSlot, "label", keyLabel));
        return repository;
    }

    /** Opens an existing repository with a passphrase that matches one of its key slots. */
    public static Repository open(Provider provider, char[] passphrase) throws RepositoryException {
        return open(provider, passphrase, Clock.systemUTC());
    }

    /**
     * Opens a repository as {@link #open(Provider, char[])} does, with {@code clock} timing
     * snapshots and deletion records and deciding when deletion delays end.
     */
    public static Repository open(Provider provider, char[] passphrase, Clock clock)
            throws RepositoryException {
        return RepositoryKeys.open(provider, passphrase, clock);
    }

    /**
     * Reads the ID of the repository on {@code provider} without a passphrase, from the clear
     * start of its config object. Unlike {@link #open}, it does not compare the ID with the
     * key slots, so a damaged ID goes unnoticed here.
     */
    public static String readId(Provider provider) throws RepositoryException {
        return RepositoryKeys.readId(provider);
    }

    static Repository assemble(ObjectStore store, String id, MasterKey masterKey, Keyring keyring,
            String openedSlot, KeySlotRole role, ConfigObject.Settings settings, Clock clock)
            throws RepositoryException {
        try {
            IndexLoader.Result loaded = IndexLoader.load(store, keyring);
            // A damaged index only hides blobs; check reports it, and backups store those blobs again.
            return new Repository(store, id, masterKey, keyring, openedSlot, role, settings,
                    loaded.index(), loaded.files(), clock);
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
        return backup(progress, (archiver, existing) -> archiver.run(request, existing, progress));
    }

    /**
     * Backs up byte streams, such as database dumps, into one snapshot; see
     * {@link StreamBackupRequest}. A stream that fails at its close fails the backup, and no
     * snapshot is written.
     */
    public BackupSummary backup(StreamBackupRequest request, Progress progress)
            throws RepositoryException {
        return backup(progress, (archiver, existing) -> archiver.run(request, existing, progress));
    }

    @FunctionalInterface
    private interface ArchiverRun {
        BackupSummary run(Archiver archiver, List<SnapshotInfo> existing)
                throws RepositoryException;
    }

    private BackupSummary backup(Progress progress, ArchiverRun run) throws RepositoryException {
        ObjectLockCheck.requireCovers(providers(), deletionDelayForObjectLock());
        try (Lock lock = locks.acquire("backup", false, BACKUP_LOCK_WAIT)) {
            freshIndex();
            Archiver archiver = new Archiver(store, keyring, index, blobs, settings.compressionLevel(),
                    settings.packTarget(), chunkerParameters(), underReplicatedSince(
                    replicated().map(ReplicatedProvider::underReplicated).orElse(Set.of())),
                    clock, audit::head);
            BackupSummary summary;
            try {
                summary = run.run(archiver, snapshots());
            } finally {
                rememberIndexFiles();
            }
            audit.record("backup", Map.of("snapshot", summary.snapshotId(),
                    "files", Long.toString(summary.filesNew() + summary.filesChanged()
                            + summary.filesUnchanged()), "bytes", Long.toString(summary.bytesRead())));
            return summary;
        }
    }

    /**
     * Reloads the index when an index file read at opening is gone. Prune deletes packs only
     * after the index files that list them, so while none is gone every pack the index names
     * still exists. Without the reload, a backup would reuse blobs of deleted packs. Called
     * under a shared lock, which no prune's deletion phase runs beside.
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
            // A name that no listing contains makes the next backup reload the index.
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

    /** Lists live snapshots, oldest first: those not forgotten. */
    public List<SnapshotInfo> snapshots() throws RepositoryException {
        return retention().live();
    }

    /**
     * Lists the forgotten snapshots that are still stored, oldest first, each with the time it
     * was forgotten and the instant it becomes removable.
     */
    public List<DeletedSnapshot> deletedSnapshots() throws RepositoryException {
        return retention().deleted();
    }

    /**
     * Lists the snapshots that prune may remove: those whose newest deletion record is a
     * forget at least {@link #deletionDelay()} old, with the keys of all their deletion records.
     */
    public List<RemovableSnapshot> removableSnapshots() throws RepositoryException {
        return retention().removable();
    }

    /**
     * Forgets snapshots named by full ID or unique prefix, with no pinned tags and the default
     * bulk-deletion guard. Forgetting one that is forgotten already writes nothing for it.
     */
    public ForgetResult forget(List<String> snapshotIds, String reason) throws RepositoryException {
        return forget(snapshotIds, ForgetOptions.withReason(reason));
    }

    /**
     * Forgets snapshots as {@link #forget(List, String)} does, with the pinned tags and guard
     * of {@code options}.
     *
     * @throws dev.holdfast.repository.retention.BulkDeletionException when the guard stops the
     *     run; nothing is written
     */
    public ForgetResult forget(List<String> snapshotIds, ForgetOptions options)
            throws RepositoryException {
        access.requireFullSlot("forget");
        ForgetResult result;
        try {
            result = retention().forget(snapshotIds, options);
        } catch (BulkDeletionException e) {
            audit.record("bulk-deletion-stopped", guardDetails("forget", e.verdict()));
            throw e;
        }
        if (!result.forgotten().isEmpty()) {
            Map<String, String> details = guardDetails("forget", result.verdict());
            details.put("snapshots", String.join(",",
                    result.forgotten().stream().map(SnapshotInfo::id).toList()));
            details.put("reason", options.reason() == null ? "" : options.reason());
            audit.record("forget", details);
        }
        return result;
    }

    /**
     * Judges a forget of {@code count} snapshots with the guard of {@code options} as
     * {@link #forget(List, ForgetOptions)} would, counting recent forgets; writes nothing.
     */
    public BulkDeletionGuard.Verdict judgeForget(int count, ForgetOptions options)
            throws RepositoryException {
        return retention().judge(count, options.guard());
    }

    /** Returns the audit details of a bulk-deletion judgement: what was counted and the limit. */
    static Map<String, String> guardDetails(String command, BulkDeletionGuard.Verdict verdict) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("command", command);
        details.put("amount", Long.toString(verdict.amount()));
        details.put("total", Long.toString(verdict.total()));
        details.put("max-share", BulkDeletionGuard.Verdict.percent(verdict.maxShare()));
        details.put("confirmed", Boolean.toString(verdict.confirmed()));
        return details;
    }

    /**
     * Brings back a forgotten snapshot while its deletion delay lasts.
     *
     * @throws RepositoryException when the snapshot is not forgotten or its delay has ended
     */
    public SnapshotInfo undelete(String idOrPrefix) throws RepositoryException {
        SnapshotInfo restored = retention().undelete(idOrPrefix);
        audit.record("undelete", Map.of("snapshot", restored.id()));
        return restored;
    }

    /**
     * Returns the deletion delay in effect: the one sealed in the config at init, or a longer
     * one that this host asked for with {@link #requestDeletionDelay}.
     */
    public Duration deletionDelay() {
        return deletionDelay;
    }

    /** Returns the deletion delay sealed in the repository's config. */
    public Duration sealedDeletionDelay() {
        return settings.deletionDelayOrDefault();
    }

    /**
     * Lengthens the deletion delay for this process to {@code requested} when it is longer than
     * the sealed one. A shorter request is ignored, so that a tampered configuration cannot
     * bring removal forward. Returns the delay in effect.
     */
    public Duration requestDeletionDelay(Duration requested) {
        Duration sealed = sealedDeletionDelay();
        deletionDelay = requested.compareTo(sealed) > 0 ? requested : sealed;
        return deletionDelay;
    }

    private Retention retention() {
        return new Retention(store, keyring, clock, deletionDelay, id);
    }

    /** Returns the names of snapshot objects that cannot be read or authenticated. */
    public List<String> damagedSnapshots() throws RepositoryException {
        return new SnapshotStore(store, keyring).listAll().damaged();
    }

    /**
     * Finds a snapshot by full ID, unique prefix or "latest". A prefix also finds a forgotten
     * snapshot, which stays restorable; "latest" is the newest live one.
     */
    public SnapshotInfo snapshot(String idOrPrefix) throws RepositoryException {
        SnapshotStore.Listing listing = new SnapshotStore(store, keyring).listAll();
        if ("latest".equals(idOrPrefix)) {
            Set<String> forgotten = retention().deleted().stream()
                    .map(deleted -> deleted.snapshot().id()).collect(Collectors.toSet());
            listing = new SnapshotStore.Listing(listing.snapshots().stream()
                    .filter(s -> !forgotten.contains(s.id())).toList(), listing.damaged());
        }
        return SnapshotStore.find(idOrPrefix, listing);
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

    /**
     * Visits {@code path} and everything below it as {@link #walk} does, with the content of
     * each regular file. The snapshot is looked up once, unlike a call of {@link #openFile}
     * per file, which lists the snapshots each time.
     */
    public void walkContent(String snapshotId, byte[] path, ContentVisitor visitor)
            throws RepositoryException {
        SnapshotStore snapshots = new SnapshotStore(store, keyring);
        var root = snapshots.rootTree(snapshot(snapshotId).id());
        TreeWalker trees = new TreeWalker(blobs);
        trees.walk(root, path, entry -> visitor.visit(entry, entry.type() == EntryType.FILE
                ? trees.openFile(root, entry.path()) : null));
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
        return check(readData ? PackSample.ALL : null, progress);
    }

    /**
     * Checks like {@link #check(boolean, Progress)}, downloading only the packs that
     * {@code sample} selects, or none when it is null.
     */
    public CheckReport check(PackSample sample, Progress progress) throws RepositoryException {
        try (Lock lock = locks.acquire("check", false)) {
            // Placement expects the packs of the in-memory index, which a prune since this
            // object was opened may have deleted.
            freshIndex();
            AuditVerifier.Result trail = audit.verify();
            CheckReport report = withDamagedRecords(new Checker(store, keyring)
                    .check(sample, progress)).withProblems(trail.problems())
                    .withProblems(deletionsAgainstAudit(trail));
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
     * Adds a problem for each deletion record that cannot be read or authenticated. Readers
     * ignore such a record, so the snapshot it names keeps the state of its other records.
     */
    private List<CheckReport.Problem> deletionsAgainstAudit(AuditVerifier.Result trail)
            throws RepositoryException {
        Set<String> live = snapshots().stream().map(SnapshotInfo::id)
                .collect(Collectors.toSet());
        Set<String> forgotten = deletedSnapshots().stream().map(d -> d.snapshot().id())
                .collect(Collectors.toSet());
        return AuditedDeletions.of(trail).problems(live, forgotten);
    }

    private CheckReport withDamagedRecords(CheckReport report) throws RepositoryException {
        List<CheckReport.Problem> damaged = retention().damagedRecords().stream()
                .map(name -> new CheckReport.Problem(ObjectKind.DELETED.key(name),
                        "deletion record cannot be read or authenticated, so it is ignored"))
                .toList();
        return damaged.isEmpty() ? report : report.withProblems(damaged);
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
        return addKey(passphrase, label, KeySlotRole.FULL);
    }

    /**
     * Adds a key slot of {@code role}. A repository opened through an append-only slot adds
     * only append-only slots.
     */
    public KeySlotInfo addKey(char[] passphrase, String label, KeySlotRole role)
            throws RepositoryException {
        if (role == KeySlotRole.FULL) {
            access.requireFullSlot("key add", "add an append-only slot with `holdfast key add "
                    + "--append-only`");
        }
        KeySlotInfo slot = RepositoryKeys.add(store, masterKey, id, passphrase, label, role);
        audit.record("key-add", Map.of("slot", slot.id(), "label", label,
                "role", role.label()));
        return slot;
    }

    /** Removes a key slot; the slot this repository was opened with cannot be removed. */
    public void removeKey(String idPrefix) throws RepositoryException {
        access.requireDeletion("key remove");
        String removed = RepositoryKeys.remove(store, openedSlot, idPrefix);
        audit.record("key-remove", Map.of("slot", removed));
    }

    /** Returns the role of the key slot this repository was opened with. */
    public KeySlotRole role() {
        return access.role();
    }

    /**
     * Returns whether commands that delete may run: the key slot in use is full and no
     * provider is append-only. Prune and similar commands call {@link #requireDeletion}.
     */
    public boolean canDelete() {
        return access.canDelete();
    }

    /**
     * Rejects a command that deletes, before it changes anything, when the key slot in use is
     * append-only or a provider is append-only.
     *
     * @param command the command as the user types it after {@code holdfast}, for the message
     * @throws RepositoryException with reason {@link Reason#APPEND_ONLY}
     */
    public void requireDeletion(String command) throws RepositoryException {
        access.requireDeletion(command);
    }

    /**
     * Rejects a command that forgets or otherwise needs a full key slot, such as
     * {@code forget}, when the key slot in use is append-only. Writing only, it runs on an
     * append-only provider.
     *
     * @throws RepositoryException with reason {@link Reason#APPEND_ONLY}
     */
    public void requireFullSlot(String command) throws RepositoryException {
        access.requireFullSlot(command);
    }

    /**
     * Appends an entry to the audit trail, for actions such as forget, undelete and prune.
     * {@code details} must hold no secret: entries are sealed, but every key holder reads them.
     *
     * @return the number and hash of the new entry
     */
    public AuditAnchor audit(String action, Map<String, String> details)
            throws RepositoryException {
        return audit.append(action, details);
    }

    /** Reads and verifies the audit trail, including the entries that snapshots name. */
    public AuditVerifier.Result auditTrail() throws RepositoryException {
        return audit.verify();
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

    /**
     * Removes stale locks, or all locks with {@code all}; returns how many were removed.
     * Removing every lock needs the right to delete; stale locks anyone may remove.
     */
    public int unlock(boolean all) throws RepositoryException {
        if (all) {
            access.requireDeletion("unlock --remove-all");
        }
        int removed = locks.removeLocks(all);
        if (removed > 0) {
            audit.record("unlock", Map.of("removed", Integer.toString(removed),
                    "all", Boolean.toString(all)));
        }
        return removed;
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
                    ObjectKind.SNAPSHOT, ObjectKind.REPLICATED, ObjectKind.DELETED)) {
                for (String name : store.list(kind)) {
                    expected.add(kind.key(name), bytes -> ObjectStore.hashProblem(name, bytes));
                }
            }
            for (long seq : audit.trail().sequences()) {
                expected.add(AuditTrail.key(seq), audit.trail().opensAs(seq, null));
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
        if (!options.dryRun()) {
            access.requireDeletion("prune");
        }
        Set<String> snapshots = new java.util.TreeSet<>();
        List<String> records = new ArrayList<>(retention().orphanRecordKeys());
        AuditedDeletions audited = AuditedDeletions.of(audit.verify());
        for (RemovableSnapshot removable : removableSnapshots()) {
            if (options.kept().contains(removable.snapshotId())) {
                LOG.info("prune: snapshot {} stays, because the caller keeps it",
                        removable.snapshotId());
                continue;
            }
            if (audited.disagrees(removable.snapshotId(), true)) {
                LOG.warn("prune: snapshot {} is forgotten by its deletion records but undeleted "
                        + "by the audit trail, so it stays; run holdfast check for details",
                        removable.snapshotId());
                continue;
            }
            snapshots.add(removable.snapshotId());
            records.addAll(removable.recordKeys());
        }
        PruneReport report;
        try {
            report = prune(snapshots, records, options);
        } catch (BulkDeletionException e) {
            audit.record("bulk-deletion-stopped", guardDetails("prune", e.verdict()));
            throw e;
        }
        if (!options.dryRun()) {
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("snapshots", String.join(",", report.snapshotsRemoved()));
            details.put("packs-deleted", Long.toString(report.packsDeleted()));
            details.put("packs-repacked", Long.toString(report.packsRepacked()));
            details.put("bytes-freed", Long.toString(report.bytesFreed()));
            audit.record("prune", details);
        }
        return report;
    }

    /**
     * Removes the snapshots {@code snapshots} and the data that only they need, then deletes
     * {@code extraKeys}. Nothing checks that the snapshots are eligible: callers other than
     * {@link #prune(PruneOptions)} are tests and the retention code.
     */
    public PruneReport prune(Set<String> snapshots, List<String> extraKeys, PruneOptions options)
            throws RepositoryException {
        Pruner pruner = pruner(clock);
        // The pruner reads the index itself, so this copy (about 56 bytes per blob) is dropped
        // for the run and loaded again after it. Reads of this object meanwhile find no blob.
        index = new Index();
        blobs = new BlobLoader(store.provider(), keyring, index);
        indexFiles = Set.of("");
        try {
            return pruner.run(snapshots, extraKeys, options);
        } finally {
            // Walks and file reads take no lock, so they would otherwise read deleted packs.
            freshIndex();
        }
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

    private Duration deletionDelayForObjectLock() {
        return deletionDelay();
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
