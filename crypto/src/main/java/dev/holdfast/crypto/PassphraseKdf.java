package dev.holdfast.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Stretches a passphrase into a 32-byte key-encryption key with Argon2id (RFC 9106, version
 * 0x13, no secret, no associated data). The passphrase is first normalized to Unicode NFC and
 * encoded as UTF-8, so that the same passphrase typed on systems that compose accents
 * differently opens the same slot.
 */
final class PassphraseKdf {
    static final int KEY_LENGTH = 32;

    /*
     * Each derivation allocates its whole memory cost (64 MiB by default) on the heap, and the
     * launcher's default heap is 128 MiB. Scheduled jobs of `serve` open the repository on
     * their own threads, so two jobs that start together would run out of memory. One
     * derivation at a time per process keeps the peak at one memory cost, and only delays an
     * open.
     */
    private static final ReentrantLock DERIVATION_LOCK = new ReentrantLock();

    private PassphraseKdf() {
    }

    /** Returns the key-encryption key; the caller wipes it after use. */
    static byte[] deriveKey(char[] passphrase, byte[] salt, Argon2Parameters parameters) {
        byte[] encoded = encodePassphrase(passphrase);
        try {
            return argon2id(encoded, salt, parameters);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * Returns the NFC form of {@code passphrase} as UTF-8 bytes, which the caller wipes.
     *
     * @throws IllegalArgumentException if the passphrase contains an unpaired surrogate
     */
    static byte[] encodePassphrase(char[] passphrase) {
        CharSequence normalized = CharBuffer.wrap(passphrase);
        if (!Normalizer.isNormalized(normalized, Normalizer.Form.NFC)) {
            // NOTE: java.text.Normalizer returns a String, which cannot be wiped and stays in
            // the heap until collected. Passphrases already in NFC (all ASCII ones) skip it.
            normalized = Normalizer.normalize(normalized, Normalizer.Form.NFC);
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(normalized));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "passphrase contains an unpaired UTF-16 surrogate and cannot be encoded", e);
        }
        byte[] bytes = Arrays.copyOf(buffer.array(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    static byte[] argon2id(byte[] password, byte[] salt, Argon2Parameters parameters) {
        var bcParameters = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKiB())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .withSalt(salt)
                .build();
        byte[] key = new byte[KEY_LENGTH];
        DERIVATION_LOCK.lock();
        try {
            generate(bcParameters, password, key);
            // The derivation's blocks, as large as its memory cost, are garbage now. Where they
            // were a large part of the heap, as with the launcher's 128 MiB, a full collection
            // right away lets the heap shrink back to what the command needs. Without it the
            // collector sized the young generation for the grown heap, and an unchanged backup
            // kept about 50 MiB more resident (bench/run.sh, 200,000 files, 5 December 2026).
            // A large heap, such as serve's or a test JVM's, is spared the pause.
            if (parameters.memoryKiB() * 1024L * 4 >= Runtime.getRuntime().maxMemory()) {
                System.gc();
            }
        } finally {
            DERIVATION_LOCK.unlock();
        }
        return key;
    }

    /** Runs Argon2id into {@code key}; its memory is unreachable once this returns. */
    private static void generate(org.bouncycastle.crypto.params.Argon2Parameters parameters,
            byte[] password, byte[] key) {
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        generator.generateBytes(password, key);
    }
}
