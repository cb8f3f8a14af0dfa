package dev.holdfast.crypto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures sealing, opening, content IDs and, with the argument {@code argon2}, Argon2id at
 * the default cost, on one thread. Not a test: run it by hand with the test classpath, e.g.
 * {@code java -cp target/classes:target/test-classes:<bcprov.jar>
 * dev.holdfast.crypto.CryptoBenchmark argon2}. The first line measures the first second after
 * start. Every other figure is the median of three 2-second trials after a 3-second warm-up.
 */
final class CryptoBenchmark {
    private static final int MIB = 1024 * 1024;
    private static final byte[] NO_DATA = new byte[0];

    /** One operation on a buffer; returns the bytes it processed. */
    private interface Operation {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Keyring keyring = Keyring.generate();
        byte[] firstParts = new byte[MIB];
        double cold = runFor(sealing(keyring, firstParts), 1_000_000_000L);
        System.out.printf("%-45s %,8.0f MB/s%n", "seal 1 MiB parts, first second", cold / 1e6);
        for (int size : new int[] {MIB, 64 * 1024, 4 * 1024}) {
            byte[] plaintext = new byte[size];
            new Random(1).nextBytes(plaintext);
            report("seal " + size + "-byte parts", sealing(keyring, plaintext));
            report("open " + size + "-byte parts", opening(keyring, plaintext));
            ContentIdFunction ids = keyring.contentIds();
            report("content ID of " + size + " bytes", () -> {
                ids.compute(plaintext, 0, plaintext.length);
                return plaintext.length;
            });
        }
        reportPerCall("Sealer.create (HKDF and cipher set-up)", () -> {
            Sealer.create(keyring, Purpose.PACK);
            return 1;
        });
        if (args.length > 0) {
            argon2(Argon2Parameters.DEFAULT);
        }
    }

    private static Operation sealing(Keyring keyring, byte[] plaintext) {
        Sealer[] sealer = {Sealer.create(keyring, Purpose.PACK)};
        long[] part = {0};
        return () -> {
            if (part[0] == 1_000_000) {
                sealer[0] = Sealer.create(keyring, Purpose.PACK);
                part[0] = 0;
            }
            sealer[0].seal(part[0]++, NO_DATA, plaintext, 0, plaintext.length);
            return plaintext.length;
        };
    }

    private static Operation opening(Keyring keyring, byte[] plaintext) throws Exception {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        byte[] sealed = sealer.seal(0, NO_DATA, plaintext, 0, plaintext.length);
        Opener opener = Opener.forHeader(keyring, Purpose.PACK, sealer.header(), 0);
        return () -> {
            opener.open(0, NO_DATA, sealed, 0, sealed.length);
            return plaintext.length;
        };
    }

    private static void report(String name, Operation operation) throws Exception {
        List<Double> rates = trials(operation);
        System.out.printf("%-45s %,8.0f MB/s%n", name, rates.get(1) / 1e6);
    }

    private static void reportPerCall(String name, Operation operation) throws Exception {
        List<Double> rates = trials(operation);
        System.out.printf("%-45s %,8.1f us per call%n", name, 1e6 / rates.get(1));
    }

    /** Returns the sorted rates, in units per second, of three trials after a warm-up. */
    private static List<Double> trials(Operation operation) throws Exception {
        runFor(operation, 3_000_000_000L);
        List<Double> rates = new ArrayList<>();
        for (int trial = 0; trial < 3; trial++) {
            rates.add(runFor(operation, 2_000_000_000L));
        }
        Collections.sort(rates);
        return rates;
    }

    private static double runFor(Operation operation, long nanos) throws Exception {
        long start = System.nanoTime();
        long units = 0;
        long elapsed;
        do {
            units += operation.run();
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return units * 1e9 / elapsed;
    }

    private static void argon2(Argon2Parameters parameters) {
        byte[] salt = new byte[32];
        for (int run = 1; run <= 4; run++) {
            long start = System.nanoTime();
            PassphraseKdf.deriveKey("benchmark passphrase".toCharArray(), salt, parameters);
            System.out.printf("Argon2id %s, run %d: %,d ms%n", parameters, run,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
