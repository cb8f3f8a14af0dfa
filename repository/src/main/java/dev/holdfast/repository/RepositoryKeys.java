package dev.holdfast.repository;

import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.DamagedKeySlotException;
import dev.holdfast.crypto.KeySlot;
import dev.holdfast.crypto.KeySlotRole;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.MasterKey;
import dev.holdfast.crypto.WrongPassphraseException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.chunker.ChunkerParameters;
import dev.holdfast.repository.chunker.CutRule;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.ContentCheck;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Creating and opening repositories, and managing key slots. */
final class RepositoryKeys {
    private RepositoryKeys() {
    }

    static Repository init(Provider provider, char[] passphrase, RepositoryOptions options, String label,
            Clock clock) throws RepositoryException {
        ObjectStore store = new ObjectStore(provider);
        try {
            if (provider.stat(ConfigObject.KEY).isPresent()) {
                throw new RepositoryException(Reason.ALREADY_EXISTS, "provider \"" + provider.name()
                        + "\" already holds a repository; choose an empty location");
            }
            requireEmpty(provider);
            ChunkerParameters chunking = validChunking(options);
            long delaySeconds = deletionDelaySeconds(options.deletionDelay());
            byte[] idBytes = new byte[16];
            new SecureRandom().nextBytes(idBytes);
            String id = Hex.encode(idBytes);
            MasterKey masterKey = MasterKey.generate();
            Keyring keyring = Keyring.generate();
            KeySlot slot = KeySlot.createWithPassphrase(masterKey, passphrase, options.argon2(), id, label);
            provider.putIfAbsent(Repository.keyOf(slot), slot.encode());
            // Two keyrings and two config objects: each is one small object that the whole
            // repository depends on, so a single damaged sector must not lose it.
            store.put(ObjectKind.KEYRING, keyring.seal(masterKey));
            store.put(ObjectKind.KEYRING, keyring.seal(masterKey));
            var settings = new ConfigObject.Settings(chunking.min(), chunking.average(), chunking.max(),
                    options.packTarget(), options.compressionLevel(), chunking.rule().code(),
                    delaySeconds);
            byte[] config = ConfigObject.encode(id, keyring, settings);
            provider.putIfAbsent(ConfigObject.COPY_KEY, config);
            // The config object goes last: until it exists the location is not a repository, so a
            // failed init leaves nothing that could be mistaken for one.
            if (!provider.putIfAbsent(ConfigObject.KEY, config)) {
                throw new RepositoryException(Reason.ALREADY_EXISTS, "another init on provider \""
                        + provider.name() + "\" finished first; open that repository instead");
            }
            return Repository.assemble(store, id, masterKey, keyring, slot.id(),
                    KeySlotRole.FULL, settings, clock);
        } catch (StorageException e) {
            throw Repository.storageFailure("creating the repository", e);
        }
    }

    /**
     * Returns the delay in whole seconds, rounded up so that storing it never shortens it.
     *
     * @throws RepositoryException when the delay is missing or negative
     */
    private static long deletionDelaySeconds(Duration delay) throws RepositoryException {
        if (delay == null || delay.isNegative()) {
            throw new RepositoryException(Reason.GENERAL, "invalid deletion delay " + delay
                    + ": expected zero or more");
        }
        return delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
    }

    static String readId(Provider provider) throws RepositoryException {
        try {
            return repositoryId(readConfig(provider), null);
        } catch (StorageException e) {
            throw Repository.storageFailure("reading the config object", e);
        }
    }

    static Repository open(Provider provider, char[] passphrase, Clock clock)
            throws RepositoryException {
        ObjectStore store = new ObjectStore(provider);
        try {
            byte[] config = readConfig(provider);
            byte[] copy = readCopy(provider);
            String id = repositoryId(config, copy);
            List<SlotRead> slots = readKeySlots(store);
            String named = idNamedBy(slots);
            if (named != null && !named.equals(id)) {
                // A flipped byte in the ID passes the config's structure check, because the ID
                // is not sealed. When the key slots agree on another ID, a copy that names it
                // is read instead; with several providers that is a sound copy elsewhere.
                ContentCheck namesSlotsRepository = bytes -> named.equals(idOrNull(bytes)) ? null
                        : "it names another repository than the key slots (" + named + ")";
                config = preferSound(provider, ConfigObject.KEY, namesSlotsRepository);
                copy = copy == null ? null : preferSound(provider, ConfigObject.COPY_KEY, namesSlotsRepository);
                id = repositoryId(config, copy);
            }
            Opened opened = openSlot(slots, id, passphrase);
            Keyring keyring = openKeyring(store, opened.masterKey);
            ConfigObject.Settings settings = settings(provider, config, copy, keyring);
            return Repository.assemble(store, id, opened.masterKey, keyring, opened.slotId,
                    opened.role, settings, clock);
        } catch (StorageException e) {
            throw Repository.storageFailure("opening the repository", e);
        }
    }

    private static byte[] readConfig(Provider provider) throws StorageException, RepositoryException {
        try {
            return preferSound(provider, ConfigObject.KEY, RepositoryKeys::configProblem);
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                throw new RepositoryException(Reason.NOT_FOUND, "provider \"" + provider.name()
                        + "\" holds no Holdfast repository (no config object); create one with `holdfast init`");
            }
            throw e;
        }
    }

    private static byte[] readCopy(Provider provider) {
        try {
            return preferSound(provider, ConfigObject.COPY_KEY, RepositoryKeys::configProblem);
        } catch (StorageException e) {
            return null;
        }
    }

    /**
     * Returns a copy of the object that passes {@code check}, or, when no copy does, the bytes
     * as read, so that the caller's own parsing reports the damage as it does with one provider.
     */
    private static byte[] preferSound(Provider provider, String key, ContentCheck check)
            throws StorageException {
        try {
            return provider.get(key, check);
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.DAMAGED) {
                throw e;
            }
            return provider.get(key);
        }
    }

    /** Returns why {@code config} is not a readable config object, or null when it is. */
    private static String configProblem(byte[] config) {
        try {
            ConfigObject.repositoryId(config);
            return null;
        } catch (RepositoryException e) {
            return e.getMessage();
        }
    }

    /** Returns the repository ID in {@code config}, or null when it is not a readable config. */
    private static String idOrNull(byte[] config) {
        try {
            return ConfigObject.repositoryId(config);
        } catch (RepositoryException e) {
            return null;
        }
    }

    /** One key slot as read: the decoded slot, or why it could not be decoded. */
    private record SlotRead(KeySlot slot, String damage) {
    }

    /**
     * Reads and decodes every key slot once, in listing order. Both the check of the config's
     * repository ID and the opening with the passphrase use the result.
     */
    private static List<SlotRead> readKeySlots(ObjectStore store) throws StorageException {
        List<SlotRead> slots = new ArrayList<>();
        for (String name : store.list(ObjectKind.KEY)) {
            try {
                slots.add(new SlotRead(KeySlot.decode(preferSound(store.provider(),
                        ObjectKind.KEY.key(name), RepositoryKeys::keySlotProblem)), null));
            } catch (DamagedKeySlotException e) {
                slots.add(new SlotRead(null, e.getMessage()));
            }
        }
        return slots;
    }

    /**
     * Returns the repository ID that every decoded key slot names, or null when they disagree
     * or none was decoded. In that case the caller's own checks report the problem.
     */
    private static String idNamedBy(List<SlotRead> slots) {
        Set<String> named = new HashSet<>();
        for (SlotRead read : slots) {
            if (read.slot() != null) {
                named.add(read.slot().repositoryId());
            }
        }
        return named.size() == 1 ? named.iterator().next() : null;
    }

    static String keySlotProblem(byte[] encoded) {
        try {
            KeySlot.decode(encoded);
            return null;
        } catch (DamagedKeySlotException e) {
            return e.getMessage();
        }
    }

    /** Reads the repository ID from the config object, or from its copy when it is damaged. */
    private static String repositoryId(byte[] config, byte[] copy) throws RepositoryException {
        try {
            return ConfigObject.repositoryId(config);
        } catch (RepositoryException e) {
            if (copy == null || e.reason() != Reason.DAMAGED_DATA) {
                throw e;
            }
            return ConfigObject.repositoryId(copy);
        }
    }

    private static ConfigObject.Settings settings(Provider provider, byte[] config, byte[] copy,
            Keyring keyring) throws RepositoryException {
        try {
            return ConfigObject.settings(config, keyring);
        } catch (RepositoryException e) {
            // The sealed settings can be checked only now that the keyring is open, so a
            // provider with several copies gets a second, checked read of the config object.
            try {
                return ConfigObject.settings(provider.get(ConfigObject.KEY, bytes -> {
                    try {
                        ConfigObject.settings(bytes, keyring);
                        return null;
                    } catch (RepositoryException damaged) {
                        return damaged.getMessage();
                    }
                }), keyring);
            } catch (StorageException | RepositoryException retry) {
                // The copy below is the next candidate.
            }
            if (copy == null) {
                throw e;
            }
            return ConfigObject.settings(copy, keyring);
        }
    }

    /** Rejects a location that contains any object, so init never mixes a repository with other files. */
    private static void requireEmpty(Provider provider) throws StorageException, RepositoryException {
        List<String> found = new ArrayList<>();
        provider.list("", info -> {
            if (found.size() < 3) {
                found.add(info.key());
            }
        });
        if (!found.isEmpty()) {
            throw new RepositoryException(Reason.ALREADY_EXISTS, "provider \"" + provider.name()
                    + "\" is not empty (it holds " + String.join(", ", found) + (found.size() == 3 ? ", ..." : "")
                    + "); a new repository needs an empty location");
        }
    }

    private static ChunkerParameters validChunking(RepositoryOptions options) throws RepositoryException {
        try {
            return new ChunkerParameters(options.minChunk(), options.averageChunk(), options.maxChunk(),
                    CutRule.CURRENT);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException(Reason.GENERAL, e.getMessage());
        }
    }

    private record Opened(MasterKey masterKey, String slotId, KeySlotRole role) {
    }

    /** Tries every slot; a wrong passphrase is reported only when no slot is damaged instead. */
    private static Opened openSlot(List<SlotRead> slots, String id, char[] passphrase)
            throws RepositoryException {
        List<String> damaged = new ArrayList<>();
        int wrong = 0;
        for (SlotRead read : slots) {
            if (read.damage() != null) {
                damaged.add(read.damage());
                continue;
            }
            try {
                return new Opened(read.slot().open(passphrase, id), read.slot().id(),
                        read.slot().role());
            } catch (WrongPassphraseException e) {
                wrong++;
            } catch (DamagedKeySlotException e) {
                damaged.add(e.getMessage());
            }
        }
        if (wrong > 0) {
            String note = damaged.isEmpty() ? "" : " (" + damaged.size() + " other key slot(s) are damaged)";
            throw new RepositoryException(Reason.WRONG_PASSPHRASE, "wrong passphrase: it opens none of the "
                    + wrong + " key slot(s) of repository " + id + note);
        }
        if (!damaged.isEmpty()) {
            throw new RepositoryException(Reason.DAMAGED_KEY, "no key slot of repository " + id
                    + " can be opened: " + String.join("; ", damaged));
        }
        throw new RepositoryException(Reason.DAMAGED_KEY, "repository " + id + " has no key slots");
    }

    private static Keyring openKeyring(ObjectStore store, MasterKey masterKey)
            throws StorageException, RepositoryException {
        List<String> problems = new ArrayList<>();
        for (String name : store.list(ObjectKind.KEYRING)) {
            try {
                return Keyring.open(masterKey, store.get(ObjectKind.KEYRING, name));
            } catch (AuthenticationFailedException | DamagedObjectException e) {
                problems.add(ObjectKind.KEYRING.key(name) + ": " + e.getMessage());
            }
        }
        throw new RepositoryException(Reason.DAMAGED_KEY, "no keyring of this repository opens with its "
                + "master key" + (problems.isEmpty() ? " (none stored)" : ": " + String.join("; ", problems)));
    }

    static List<KeySlotInfo> list(ObjectStore store, String openedSlot) throws RepositoryException {
        List<KeySlotInfo> slots = new ArrayList<>();
        try {
            for (String name : store.list(ObjectKind.KEY)) {
                try {
                    KeySlot slot = KeySlot.decode(preferSound(store.provider(),
                        ObjectKind.KEY.key(name), RepositoryKeys::keySlotProblem));
                    slots.add(new KeySlotInfo(slot.id(), slot.kind(), slot.label(), slot.created(),
                            slot.id().equals(openedSlot), slot.role().label()));
                } catch (DamagedKeySlotException e) {
                    slots.add(new KeySlotInfo(name, "damaged", e.getMessage(), null, false,
                            "damaged"));
                }
            }
        } catch (StorageException e) {
            throw Repository.storageFailure("listing key slots", e);
        }
        slots.sort((a, b) -> a.id().compareTo(b.id()));
        return slots;
    }

    static KeySlotInfo add(ObjectStore store, MasterKey masterKey, String id, char[] passphrase,
            String label, KeySlotRole role) throws RepositoryException {
        KeySlot slot = KeySlot.createWithPassphrase(masterKey, passphrase,
                dev.holdfast.crypto.Argon2Parameters.DEFAULT, id, label, role);
        try {
            store.provider().putIfAbsent(Repository.keyOf(slot), slot.encode());
        } catch (StorageException e) {
            throw Repository.storageFailure("storing the new key slot", e);
        }
        return new KeySlotInfo(slot.id(), slot.kind(), slot.label(), slot.created(), false,
                slot.role().label());
    }

    /** Removes the slot that {@code idPrefix} names and returns its ID. */
    static String remove(ObjectStore store, String openedSlot, String idPrefix)
            throws RepositoryException {
        List<KeySlotInfo> slots = list(store, openedSlot);
        List<KeySlotInfo> matches = slots.stream().filter(s -> s.id().startsWith(idPrefix)).toList();
        if (matches.size() != 1) {
            throw new RepositoryException(Reason.NOT_FOUND, matches.isEmpty()
                    ? "no key slot starts with \"" + idPrefix + "\"; list them with `holdfast key list`"
                    : "key slot prefix \"" + idPrefix + "\" is ambiguous; give more characters");
        }
        KeySlotInfo slot = matches.getFirst();
        if (slot.id().equals(openedSlot)) {
            throw new RepositoryException(Reason.GENERAL, "key slot " + slot.id() + " is the one in use; "
                    + "open the repository with another passphrase to remove it");
        }
        try {
            store.provider().delete(ObjectKind.KEY.key(slot.id()));
        } catch (StorageException e) {
            throw Repository.storageFailure("removing key slot " + slot.id(), e);
        }
        return slot.id();
    }
}
