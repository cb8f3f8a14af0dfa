package dev.holdfast.crypto;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The repository's working keys, sealed under the master key. Rotating the master key reseals
 * the keyring and rewrites the slots; adding a data epoch changes the key for new data only.
 *
 * <p>A keyring never changes after it is made: {@link #withNewEpoch()} returns a new one, and
 * both must be closed. Safe to share between threads until {@link #close()}.
 */
public final class Keyring implements AutoCloseable {
    static final int KEY_LENGTH = 32;
    private static final byte[] NO_ADDITIONAL_DATA = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A data epoch with its key. */
    record EpochKey(int number, Instant created, byte[] key) {
    }

    private final byte[] contentIdKey;
    private final byte[] chunkerSeed;
    private final byte[] indexKey;
    private final List<EpochKey> epochs;
    private volatile boolean closed;

    /** Takes ownership of the arrays; {@code epochs} is non-empty with increasing numbers. */
    Keyring(byte[] contentIdKey, byte[] chunkerSeed, byte[] indexKey, List<EpochKey> epochs) {
        this.contentIdKey = contentIdKey;
        this.chunkerSeed = chunkerSeed;
        this.indexKey = indexKey;
        this.epochs = List.copyOf(epochs);
    }

    /** Creates a keyring with fresh random keys and data epoch 0. */
    public static Keyring generate() {
        return generate(RANDOM);
    }

    /** Creates a keyring with keys drawn from {@code random}; tests pass a seeded source. */
    public static Keyring generate(SecureRandom random) {
        byte[] contentIdKey = randomKey(random);
        byte[] chunkerSeed = randomKey(random);
        byte[] indexKey = randomKey(random);
        EpochKey first = new EpochKey(0, now(), randomKey(random));
        return new Keyring(contentIdKey, chunkerSeed, indexKey, List.of(first));
    }

    /**
     * Opens a keyring sealed by {@link #seal}.
     *
     * @throws AuthenticationFailedException if the keyring was sealed under another master key,
     *     was damaged, or was written in a format this version cannot read
     */
    public static Keyring open(MasterKey masterKey, byte[] sealed)
            throws AuthenticationFailedException {
        Opener opener = Opener.withKey(masterKey.bytes(), Purpose.KEYRING, sealed, 0, 0);
        byte[] plaintext = opener.openWhole(NO_ADDITIONAL_DATA, sealed);
        try {
            return KeyringCodec.decode(plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Seals this keyring under {@code masterKey} with a fresh salt. */
    public byte[] seal(MasterKey masterKey) {
        return seal(masterKey, RANDOM);
    }

    byte[] seal(MasterKey masterKey, SecureRandom random) {
        byte[] plaintext = KeyringCodec.encode(this);
        try {
            Sealer sealer = Sealer.withKey(masterKey.bytes(), Purpose.KEYRING, 0, random);
            return sealer.sealWhole(NO_ADDITIONAL_DATA, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The keyed hash that names plaintext content; returns a new instance on each call. */
    public ContentIdFunction contentIds() {
        return new ContentIdFunction(live(contentIdKey));
    }

    /** 32 secret bytes from which the chunker derives its gear table; a copy to wipe after use. */
    public byte[] chunkerSeed() {
        return live(chunkerSeed).clone();
    }

    /** Returns the number of the newest data epoch, whose key seals new packs and snapshots. */
    public int currentEpoch() {
        return epochs.getLast().number();
    }

    /** Returns the data epochs, oldest first, without their keys. */
    public List<DataEpoch> dataEpochs() {
        return epochs.stream().map(e -> new DataEpoch(e.number(), e.created())).toList();
    }

    /** Starts a new data epoch for new writes; older epochs stay for reading. */
    public Keyring withNewEpoch() {
        EpochKey added = new EpochKey(currentEpoch() + 1, now(), randomKey(RANDOM));
        List<EpochKey> copied = new ArrayList<>();
        for (EpochKey epoch : epochs) {
            copied.add(new EpochKey(epoch.number(), epoch.created(), live(epoch.key()).clone()));
        }
        copied.add(added);
        return new Keyring(live(contentIdKey).clone(), chunkerSeed.clone(), indexKey.clone(),
                copied);
    }

    /** Wipes every key; the keyring is unusable afterwards. Closing twice does nothing. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(contentIdKey, (byte) 0);
        Arrays.fill(chunkerSeed, (byte) 0);
        Arrays.fill(indexKey, (byte) 0);
        epochs.forEach(epoch -> Arrays.fill(epoch.key(), (byte) 0));
    }

    /** Describes the keyring without any key bytes. */
    @Override
    public String toString() {
        return closed ? "Keyring[closed]" : "Keyring[current epoch " + currentEpoch() + "]";
    }

    /** Returns the epoch to name in the header of a new object of {@code purpose}. */
    int sealingEpoch(Purpose purpose) {
        return purpose.usesDataEpoch() ? currentEpoch() : 0;
    }

    /** Returns the key from which subkeys of {@code purpose} in {@code epoch} derive. */
    byte[] sealingKey(Purpose purpose, int epoch) {
        try {
            return openingKey(purpose, epoch);
        } catch (AuthenticationFailedException e) {
            throw new IllegalStateException("keyring has no key for " + purpose.label()
                    + " epoch " + epoch, e);
        }
    }

    /**
     * Returns the key that opens an object of {@code purpose} whose header names {@code epoch}.
     *
     * @throws AuthenticationFailedException if the keyring has no such epoch
     */
    byte[] openingKey(Purpose purpose, int epoch) throws AuthenticationFailedException {
        if (purpose == Purpose.KEYRING) {
            throw new IllegalArgumentException("the keyring does not hold the master key");
        }
        // The config settings go with the index key: every client, write-only ones included, reads both.
        if (purpose == Purpose.INDEX || purpose == Purpose.CONFIG) {
            if (epoch != 0) {
                throw new AuthenticationFailedException("sealed " + purpose.label()
                        + " object names epoch " + Integer.toUnsignedString(epoch)
                        + ", but this format version uses 0");
            }
            return live(indexKey);
        }
        for (EpochKey candidate : epochs) {
            if (candidate.number() == epoch) {
                return live(candidate.key());
            }
        }
        throw new AuthenticationFailedException("sealed " + purpose.label() + " object names"
                + " data epoch " + Integer.toUnsignedString(epoch) + ", but the keyring has"
                + " epochs " + epochNumbers() + "; reload the keyring if another client added"
                + " an epoch, else the object is damaged");
    }

    byte[] contentIdKey() {
        return live(contentIdKey);
    }

    byte[] chunkerSeedBytes() {
        return live(chunkerSeed);
    }

    byte[] indexKey() {
        return live(indexKey);
    }

    List<EpochKey> epochKeys() {
        return epochs;
    }

    private List<Integer> epochNumbers() {
        return epochs.stream().map(EpochKey::number).toList();
    }

    private byte[] live(byte[] key) {
        if (closed) {
            throw new IllegalStateException(
                    "keyring is closed; open it again from the repository");
        }
        return key;
    }

    private static byte[] randomKey(SecureRandom random) {
        byte[] key = new byte[KEY_LENGTH];
        random.nextBytes(key);
        return key;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
