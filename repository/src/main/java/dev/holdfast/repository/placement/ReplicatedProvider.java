package dev.holdfast.repository.placement;

import dev.holdfast.storage.ContentCheck;
import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that keeps each object on several providers. Writes go to the placement's target
 * providers in parallel and succeed once the write quorum has stored the object. Reads try the
 * providers in order of health (recent errors, then latency) and move to the next one on an
 * error, a timeout, a missing object, or bytes that fail the caller's {@link ContentCheck}.
 * Every copy found damaged is logged and kept in {@link #damagedCopies()}. Thread-safe.
 *
 * <p>A target whose write failed is left out of the writes of the next {@link #WRITE_PAUSE},
 * as long as the other targets can still meet the write quorum. A provider that went away
 * would otherwise cost every write its drivers' full retry budget before the write counts as
 * under-replicated: about 6 s on average with the default retry settings, hours over a
 * backup of thousands of packs. The objects written meanwhile are under-replicated, and a
 * repair copies them.
 */
public final class ReplicatedProvider implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedProvider.class);
    /** How long writes leave out a target after a write to it failed. */
    static final Duration WRITE_PAUSE = Duration.ofSeconds(60);

    private final String name;
    private final List<Member> members;
    private final List<Member> targets;
    private final Placement placement;
    private final int quorum;
    private final Duration readTimeout;
    private final LongSupplier clock;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> underReplicated = ConcurrentHashMap.newKeySet();
    private final List<DamagedCopy> damaged = new CopyOnWriteArrayList<>();

    /**
     * @param name the name used in messages about the replicated store as a whole
     * @param providers every provider of the repository; the placement's targets must be among
     *     them
     * @param placement which providers receive writes, and the write quorum
     * @param readTimeout how long one read waits for a provider before trying the next
     */
    public ReplicatedProvider(String name, List<Provider> providers, Placement placement,
            Duration readTimeout) {
        this(name, providers, placement, readTimeout, System::nanoTime);
    }

    /** Creates the provider with {@code clock} in nanoseconds timing the write pause. */
    ReplicatedProvider(String name, List<Provider> providers, Placement placement,
            Duration readTimeout, LongSupplier clock) {
        this.name = name;
        this.members = providers.stream().map(Member::new).toList();
        this.targets = new ArrayList<>();
        for (String target : placement.targets()) {
            targets.add(members.stream().filter(m -> m.provider.name().equals(target))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "placement target \"" + target + "\" is not among the providers")));
        }
        this.placement = placement;
        this.quorum = placement.rules().writeQuorum();
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the member providers, in configuration order. */
    public List<Provider> providers() {
        return members.stream().map(m -> m.provider).toList();
    }

    /** Returns the providers that placement assigns every object to, in placement order. */
    public List<Provider> targets() {
        return targets.stream().map(m -> m.provider).toList();
    }

    /** Returns the rules and the choice of targets that this provider writes by. */
    public Placement placement() {
        return placement;
    }

    /** Returns the keys written at quorum but to fewer than all target providers. */
    public Set<String> underReplicated() {
        return Set.copyOf(underReplicated);
    }

    /** Returns every copy that a read found damaged since this provider was created. */
    public List<DamagedCopy> damagedCopies() {
        return List.copyOf(damaged);
    }

    /**
     * Stores the object on every target provider in parallel.
     *
     * @return true when at least one provider stored it, false when all already had it
     * @throws StorageException when fewer than the write quorum hold the object afterwards
     */
    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        List<StorageException> failures = new ArrayList<>();
        Map<Member, Future<Boolean>> writes = submitWrites(key, data, failures);
        boolean stored = false;
        int copies = 0;
        for (Map.Entry<Member, Future<Boolean>> write : writes.entrySet()) {
            Member target = write.getKey();
            try {
                stored |= await(target, "put", key, write.getValue(), null);
                copies++;
                target.writeFailedAt = null;
            } catch (StorageException e) {
                failures.add(e);
                target.writeFailedAt = clock.getAsLong();
            }
        }
        if (copies < quorum) {
            throw new StorageException(anyTransient(failures) ? Kind.TRANSIENT : Kind.PERMANENT,
                    name, "put", key, "stored on " + copies + " of " + targets.size()
                    + " providers, below the write quorum of " + quorum + ": "
                    + reasons(failures), failures.getFirst());
        }
        if (!failures.isEmpty()) {
            underReplicated.add(key);
            LOG.warn("{}: stored \"{}\" on {} of {} providers (quorum {}), under-replicated: {}",
                    name, key, copies, targets.size(), quorum, reasons(failures));
        }
        return stored;
    }

    /**
     * Starts the put on every target that is not paused, and adds a failure to {@code failures}
     * for each one that is.
     */
    private Map<Member, Future<Boolean>> submitWrites(String key, byte[] data,
            List<StorageException> failures) {
        long now = clock.getAsLong();
        Map<Member, Long> paused = pausedTargets(now);
        Map<Member, Future<Boolean>> writes = new LinkedHashMap<>();
        for (Member target : targets) {
            Long failedAt = paused.get(target);
            if (failedAt == null) {
                writes.put(target, calls.submit(() -> target.provider.putIfAbsent(key, data)));
            } else {
                failures.add(new StorageException(Kind.TRANSIENT, target.provider.name(), "put",
                        key, "not tried, because a write to it failed "
                        + TimeUnit.NANOSECONDS.toSeconds(now - failedAt) + " s ago"));
            }
        }
        return writes;
    }

    /**
     * Returns the targets whose last write failed less than {@link #WRITE_PAUSE} before
     * {@code now}, each with the time of that failure; none when leaving them out would leave
     * fewer targets than the write quorum.
     */
    private Map<Member, Long> pausedTargets(long now) {
        Map<Member, Long> paused = new LinkedHashMap<>();
        for (Member target : targets) {
            Long failedAt = target.writeFailedAt;
            if (failedAt != null && now - failedAt < WRITE_PAUSE.toNanos()) {
                paused.put(target, failedAt);
            }
        }
        return targets.size() - paused.size() < quorum ? Map.of() : paused;
    }

    @Override
    public byte[] get(String key) throws StorageException {
        return get(key, ContentCheck.NONE);
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        return get(key, offset, length, ContentCheck.NONE);
    }

    @Override
    public byte[] get(String key, ContentCheck check) throws StorageException {
        return read(key, check, member -> member.provider.get(key));
    }

    @Override
    public byte[] get(String key, long offset, int length, ContentCheck check)
            throws StorageException {
        return read(key, check, member -> member.provider.get(key, offset, length));
    }

    /** Returns the object's size and time from the first provider that has it. */
    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        List<StorageException> failures = new ArrayList<>();
        for (Member member : byHealth()) {
            try {
                Optional<ObjectInfo> info = await(member, "stat", key,
                        calls.submit(() -> member.provider.stat(key)), readTimeout);
                if (info.isPresent()) {
                    return info;
                }
            } catch (StorageException e) {
                failures.add(e);
            }
        }
        if (failures.size() == members.size()) {
            throw combined("stat", key, failures);
        }
        return Optional.empty();
    }

    /**
     * Lists the union of all providers' objects, each key once. A provider that fails is left
     * out with a warning, unless all fail.
     */
    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        Set<String> seen = new HashSet<>();
        List<StorageException> failures = new ArrayList<>();
        for (Member member : members) {
            try {
                member.provider.list(prefix, info -> {
                    if (seen.add(info.key())) {
                        sink.accept(info);
                    }
                });
            } catch (StorageException e) {
                failures.add(e);
                LOG.warn("{}: listing \"{}\" on provider \"{}\" failed, listed the others: {}",
                        name, prefix, member.provider.name(), e.getMessage());
            }
        }
        if (failures.size() == members.size()) {
            throw combined("list", prefix, failures);
        }
    }

    /** Removes the object from every provider; fails when any provider fails. */
    @Override
    public void delete(String key) throws StorageException {
        List<StorageException> failures = new ArrayList<>();
        for (Member member : members) {
            try {
                member.provider.delete(key);
            } catch (StorageException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw combined("delete", key, failures);
        }
    }

    /** Returns whether any member is append-only, because a delete goes to every member. */
    @Override
    public boolean appendOnly() {
        return members.stream().anyMatch(m -> m.provider.appendOnly());
    }

    @Override
    public void close() throws StorageException {
        calls.shutdownNow();
        StorageException first = null;
        for (Member member : members) {
            try {
                member.provider.close();
            } catch (StorageException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private interface Read {
        byte[] from(Member member) throws StorageException;
    }

    private byte[] read(String key, ContentCheck check, Read read) throws StorageException {
        List<StorageException> failures = new ArrayList<>();
        for (Member member : byHealth()) {
            byte[] data;
            try {
                data = await(member, "get", key, calls.submit(() -> read.from(member)),
                        readTimeout);
            } catch (StorageException e) {
                failures.add(e);
                continue;
            }
            String problem = check.problem(data);
            if (problem == null) {
                return data;
            }
            DamagedCopy copy = new DamagedCopy(member.provider.name(), key, problem);
            damaged.add(copy);
            member.health.failure(System.nanoTime());
            LOG.warn("{}: {}; reading another copy", name, copy);
            failures.add(new StorageException(Kind.DAMAGED, member.provider.name(), "get", key,
                    "damaged copy: " + problem));
        }
        throw combined("get", key, failures);
    }

    /**
     * Waits for one provider call and records its outcome in the provider's health. A missing
     * object is not counted as an error of the provider.
     */
    private <T> T await(Member member, String operation, String key, Future<T> call,
            Duration timeout) throws StorageException {
        long start = System.nanoTime();
        try {
            T result = timeout == null ? call.get()
                    : call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            member.health.success(System.nanoTime() - start);
            return result;
        } catch (TimeoutException e) {
            call.cancel(true);
            member.health.failure(System.nanoTime());
            throw new StorageException(Kind.TRANSIENT, member.provider.name(), operation, key,
                    "timed out after " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException storage) {
                if (storage.kind() != Kind.NOT_FOUND) {
                    member.health.failure(System.nanoTime());
                }
                throw storage;
            }
            member.health.failure(System.nanoTime());
            throw new StorageException(Kind.PERMANENT, member.provider.name(), operation, key,
                    "unexpected failure: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new StorageException(Kind.TRANSIENT, member.provider.name(), operation, key,
                    "interrupted", e);
        }
    }

    /** Returns the members, healthiest first; ties keep configuration order. */
    private List<Member> byHealth() {
        long now = System.nanoTime();
        Map<Member, Double> scores = new LinkedHashMap<>();
        for (Member member : members) {
            scores.put(member, member.health.score(now));
        }
        List<Member> ordered = new ArrayList<>(members);
        ordered.sort(Comparator.comparingDouble(scores::get));
        return ordered;
    }

    /**
     * Combines the failures of all providers into one: NOT_FOUND only when every provider lacks
     * the object, DAMAGED when no readable copy was sound, TRANSIENT when any failure may pass.
     */
    private StorageException combined(String operation, String key,
            List<StorageException> failures) {
        Kind kind;
        if (failures.stream().allMatch(e -> e.kind() == Kind.NOT_FOUND)) {
            kind = Kind.NOT_FOUND;
        } else if (failures.stream().anyMatch(e -> e.kind() == Kind.DAMAGED)
                && failures.stream().noneMatch(StorageException::isTransient)) {
            kind = Kind.DAMAGED;
        } else {
            kind = anyTransient(failures) ? Kind.TRANSIENT : Kind.PERMANENT;
        }
        // A delete fails when any provider fails, so the others may have succeeded.
        String count = failures.size() == members.size() ? "all " + failures.size()
                : failures.size() + " of " + members.size();
        return new StorageException(kind, name, operation, key, "failed on " + count
                + " providers: " + reasons(failures),
                failures.isEmpty() ? null : failures.getFirst());
    }

    private static boolean anyTransient(List<StorageException> failures) {
        return failures.stream().anyMatch(StorageException::isTransient);
    }

    private static String reasons(List<StorageException> failures) {
        List<String> parts = new ArrayList<>();
        for (StorageException e : failures) {
            parts.add("\"" + e.provider() + "\": " + e.detail());
        }
        return String.join("; ", parts);
    }

    /** One provider with its health record. */
    private static final class Member {
        final Provider provider;
        final ProviderHealth health = new ProviderHealth();
        /** Clock time of the last failed write, or null when the last write succeeded. */
        volatile Long writeFailedAt;

        Member(Provider provider) {
            this.provider = provider;
        }
    }
}
