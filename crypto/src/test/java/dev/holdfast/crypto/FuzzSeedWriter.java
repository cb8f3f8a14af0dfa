package dev.holdfast.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpora of this package's fuzz tests: real encoded slots, keyrings and sealed
 * objects. Run on demand (see fuzz/README.md); the files are committed, so a normal build never
 * runs it and the name does not match the test patterns.
 */
class FuzzSeedWriter {
    private static final Path RESOURCES = Path.of("src/test/resources/dev/holdfast/crypto");

    @Test
    @EnabledIfSystemProperty(named = "holdfast.writeFuzzSeeds", matches = "true")
    void writeSeeds() throws IOException {
        writeKeySlots();
        writeKeyrings();
        writeSealedObjects();
    }

    private static void writeKeySlots() throws IOException {
        MasterKey masterKey = KeyringFuzzTest.MASTER_KEY;
        Argon2Parameters cheap = Argon2Parameters.forTestsOnly();
        Instant created = TestBytes.VECTOR_TIME;
        KeySlot labelled = KeySlot.create(masterKey, "passphrase".toCharArray(), cheap,
                "5a1f0c9e2b7d4e83", "laptop", new SecureRandom(), created);
        KeySlot unlabelled = KeySlot.create(masterKey, "ä".toCharArray(), cheap,
                "0123456789abcdef0123456789abcdef", "", new SecureRandom(), created);
        write("KeySlotFuzzTestInputs/decode/labelled", labelled.encode());
        write("KeySlotFuzzTestInputs/decode/unlabelled", unlabelled.encode());
    }

    private static void writeKeyrings() throws IOException {
        MasterKey masterKey = KeyringFuzzTest.MASTER_KEY;
        try (Keyring one = TestBytes.vectorKeyring(); Keyring two = one.withNewEpoch()) {
            write("KeyringFuzzTestInputs/open/sealed-one-epoch", one.seal(masterKey));
            write("KeyringFuzzTestInputs/open/sealed-two-epochs", two.seal(masterKey));
            write("KeyringFuzzTestInputs/open/plaintext-one-epoch", KeyringCodec.encode(one));
            write("KeyringFuzzTestInputs/open/plaintext-two-epochs", KeyringCodec.encode(two));
        }
    }

    private static void writeSealedObjects() throws IOException {
        try (Keyring keyring = TestBytes.vectorKeyring()) {
            for (Purpose purpose : Purpose.values()) {
                if (purpose == Purpose.KEYRING) {
                    continue;
                }
                byte[] plain = ("a " + purpose.label() + " object").getBytes();
                byte[] sealed = Sealer.sealObject(keyring, purpose, new byte[0], plain);
                write("OpenerFuzzTestInputs/openObject/" + purpose.label(), sealed);
                write("OpenerFuzzTestInputs/forHeader/" + purpose.label(), prefixed(sealed));
            }
        }
    }

    /** Puts the header offset 1 in front, as OpenerFuzzTest.forHeader reads it. */
    private static byte[] prefixed(byte[] sealed) {
        byte[] result = new byte[1 + sealed.length];
        result[0] = 1;
        System.arraycopy(sealed, 0, result, 1, sealed.length);
        return result;
    }

    private static void write(String relative, byte[] bytes) throws IOException {
        Path file = RESOURCES.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
