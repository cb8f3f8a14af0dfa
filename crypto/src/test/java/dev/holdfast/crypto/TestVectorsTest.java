package dev.holdfast.crypto;

import static dev.holdfast.crypto.TestBytes.hex;
import static dev.holdfast.crypto.TestBytes.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of the crypto format specification. Each vector is computed from fixed
 * inputs, compared with the constant here, and looked up in the specification, so that code,
 * test and document cannot drift apart.
 */
class TestVectorsTest {
    static final String PASSPHRASE_UTF8 = "50c3a47373706872617365";
    static final String ARGON2ID_KEY =
            "c5619e413542193b684927d5c76ef17d13baee06122fb687ec73dcf06c6dc7be";
    static final String HKDF_PACK_SUBKEY =
            "fcab305b65a12a2a514f157724280435a8327e0187baf3081bc8fd9b0934a99f";
    static final String SEALED_OBJECT = "01010100000000"
            + "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
            + "7ecf03018bd99bbf27d4ecc4d1dbdb0a580cf863521ff6456e5e7b88f23475";
    static final String CONTENT_ID_HELLO =
            "1aec074502f2463912a191ca4d93c770524367c8afd40af8766cf0a96888bd8c";
    static final String KEY_SLOT = "48464b530101e0e1e2e3e4e5e6e7e8e9eaebecedeeef"
            + "0000019b76daa800" + "10" + "35613166306339653262376434653833"
            + "06" + "766563746f72" + "00000100" + "00000002" + "00000002"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "f0f1f2f3f4f5f6f7f8f9fafb"
            + "0ee59e9bc217877ed637400c9fc8414fd359602085aa89ddd27d07bb85624e79"
            + "e2ec5db98c8841525fa66bd1316c882d"
            + "2ec040d4a6f3fa15c9cef8bc476b662f0acf09e32664f69c8e107dbef850b67f";
    static final String APPEND_ONLY_KEY_SLOT = "48464b53020102e0e1e2e3e4e5e6e7e8e9eaebecedeeef"
            + "0000019b76daa800" + "10" + "35613166306339653262376434653833"
            + "06" + "766563746f72" + "00000100" + "00000002" + "00000002"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "f0f1f2f3f4f5f6f7f8f9fafb"
            + "0ee59e9bc217877ed637400c9fc8414fd359602085aa89ddd27d07bb85624e79"
            + "40e4ec06e8ca53f00f904f9dea930934"
            + "ad56d6326ce9a93945883c1e2241f54e09fd43b7cd9acd90de7b9c5599954de7";
    static final String KEYRING_PLAINTEXT = "01"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
            + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
            + "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
            + "00000001" + "00000000" + "0000019b76daa800"
            + "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
    static final String SEALED_KEYRING = "01050100000000"
            + "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
            + "1c5e5fb492611cc7a03d2c0551f37e7da12ee6ca19aa7c2945ed81d45d067461"
            + "c3a2860600a874745eb64fdda1518d5a7e7d09dda9b2a3b93bef943356acd784"
            + "9508a3ca99e4be6637579e1620f2f95ea1154e3daed443389e95a2ac2cd9b11f"
            + "f8a85cbb40de9ae9dbeea33860903934a5c0cccd0d96aa6863877339c40ef94e"
            + "be5bd2e56befd45dd13ead69d74826b3a6190165868c4ba4e4e425deadebd395"
            + "69";

    private static final char[] PASSPHRASE = "Pa\u0308ssphrase".toCharArray();
    private static final String REPOSITORY = "5a1f0c9e2b7d4e83";
    private static final byte[] MASTER_KEY = sequence(0xa0, 32);

    @Test
    void argon2id_passphraseInNfd() {
        assertThat(hex(PassphraseKdf.encodePassphrase(PASSPHRASE))).isEqualTo(PASSPHRASE_UTF8);
        byte[] key = PassphraseKdf.deriveKey(
                PASSPHRASE, sequence(0x00, 32), Argon2Parameters.forTestsOnly());
        assertThat(hex(key)).isEqualTo(ARGON2ID_KEY);
    }

    @Test
    void hkdf_packSubkey() {
        byte[] subkey = Aead.deriveSubkey(sequence(0x80, 32), sequence(0xc0, 32), Purpose.PACK)
                .getEncoded();
        assertThat(hex(subkey)).isEqualTo(HKDF_PACK_SUBKEY);
    }

    @Test
    void sealedObject_fixedSalt() throws Exception {
        byte[] additionalData = "ad".getBytes(StandardCharsets.US_ASCII);
        byte[] plaintext = "hello, holdfast".getBytes(StandardCharsets.US_ASCII);
        try (Keyring keyring = TestBytes.vectorKeyring()) {
            var random = new TestBytes.ScriptedRandom(sequence(0xc0, 32));
            byte[] sealed = Sealer.create(keyring, Purpose.PACK, random)
                    .sealWhole(additionalData, plaintext);
            assertThat(hex(sealed)).isEqualTo(SEALED_OBJECT);
            assertThat(Opener.openObject(keyring, Purpose.PACK, additionalData, sealed))
                    .isEqualTo(plaintext);
        }
    }

    @Test
    void contentId_hello() {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        try (Keyring keyring = TestBytes.vectorKeyring()) {
            assertThat(hex(keyring.contentIds().compute(hello, 0, hello.length)))
                    .isEqualTo(CONTENT_ID_HELLO);
        }
    }

    @Test
    void keySlot_fixedInputs() throws Exception {
        var random = new TestBytes.ScriptedRandom(
                sequence(0xe0, 16), sequence(0x00, 32), sequence(0xf0, 12));
        try (MasterKey masterKey = MasterKey.fromBytes(MASTER_KEY)) {
            KeySlot slot = KeySlot.create(masterKey, PASSPHRASE, Argon2Parameters.forTestsOnly(),
                    REPOSITORY, "vector", random, TestBytes.VECTOR_TIME);
            assertThat(hex(slot.encode())).isEqualTo(KEY_SLOT);
        }
        KeySlot decoded = KeySlot.decode(TestBytes.unhex(KEY_SLOT));
        try (MasterKey opened = decoded.open("P\u00e4ssphrase".toCharArray(), REPOSITORY)) {
            assertThat(opened.bytes()).isEqualTo(MASTER_KEY);
        }
    }

    @Test
    void appendOnlyKeySlot_fixedInputs() throws Exception {
        var random = new TestBytes.ScriptedRandom(
                sequence(0xe0, 16), sequence(0x00, 32), sequence(0xf0, 12));
        try (MasterKey masterKey = MasterKey.fromBytes(MASTER_KEY)) {
            KeySlot slot = KeySlot.create(masterKey, PASSPHRASE, Argon2Parameters.forTestsOnly(),
                    REPOSITORY, "vector", KeySlotRole.APPEND_ONLY, random,
                    TestBytes.VECTOR_TIME);
            assertThat(hex(slot.encode())).isEqualTo(APPEND_ONLY_KEY_SLOT);
        }
        KeySlot decoded = KeySlot.decode(TestBytes.unhex(APPEND_ONLY_KEY_SLOT));
        assertThat(decoded.role()).isEqualTo(KeySlotRole.APPEND_ONLY);
        try (MasterKey opened = decoded.open("P\u00e4ssphrase".toCharArray(), REPOSITORY)) {
            assertThat(opened.bytes()).isEqualTo(MASTER_KEY);
        }
    }

    @Test
    void keyring_fixedKeysAndSalt() throws Exception {
        try (Keyring keyring = TestBytes.vectorKeyring();
                MasterKey masterKey = MasterKey.fromBytes(MASTER_KEY)) {
            assertThat(hex(KeyringCodec.encode(keyring))).isEqualTo(KEYRING_PLAINTEXT);
            var random = new TestBytes.ScriptedRandom(sequence(0xd0, 32));
            assertThat(hex(keyring.seal(masterKey, random))).isEqualTo(SEALED_KEYRING);
            try (Keyring opened = Keyring.open(masterKey, TestBytes.unhex(SEALED_KEYRING))) {
                assertThat(hex(KeyringCodec.encode(opened))).isEqualTo(KEYRING_PLAINTEXT);
            }
        }
    }

    @Test
    void specification_containsEveryVector() throws IOException {
        String specification = readSpecification().replaceAll("\\s", "");
        List<String> vectors = List.of(PASSPHRASE_UTF8, ARGON2ID_KEY, HKDF_PACK_SUBKEY,
                SEALED_OBJECT, CONTENT_ID_HELLO, KEY_SLOT, APPEND_ONLY_KEY_SLOT, KEYRING_PLAINTEXT,
                SEALED_KEYRING);
        for (String vector : vectors) {
            assertThat(specification).as("specification contains vector").contains(vector);
        }
    }

    /**
     * Reads the crypto part of the format specification from the nearest docs folder above the
     * working directory, whether it is still its own file or merged into docs/format.md.
     */
    private static String readSpecification() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a docs folder above " + Path.of("").toAbsolutePath()).isNotNull();
        StringBuilder text = new StringBuilder();
        for (String name : List.of("docs/format-crypto.md", "docs/format.md")) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                text.append(Files.readString(candidate));
            }
        }
        assertThat(text).as("docs/format-crypto.md or docs/format.md in " + dir).isNotEmpty();
        return text.toString();
    }
}
