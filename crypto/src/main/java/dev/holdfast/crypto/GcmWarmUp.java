package dev.holdfast.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs a few thousand small AES-GCM operations once per JVM, in a background thread, so that
 * HotSpot compiles the JDK's GCM code with its AES and carry-less multiply intrinsics early.
 *
 * <p>HotSpot's C2 compiler uses those intrinsics only in a method it has compiled, and it
 * compiles a method only after thousands of calls. A process that seals only 1 MiB parts calls
 * the GCM core once per MiB. Measured with Temurin 25 on a 2-core Intel Xeon build machine, such
 * a process stayed at 45 to 85 MB/s for at least 9 seconds, against 3 to 5 GB/s once compiled.
 * 4,000 warm-up rounds of 1 KiB took about 0.2 s of one core and reached full speed.
 */
final class GcmWarmUp {
    private static final int ROUNDS = 4_000;
    private static final int LENGTH = 1024;

    private GcmWarmUp() {
    }

    /** Starts the warm-up on the first call; later calls do nothing. */
    static void startOnce() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            Thread thread = new Thread(GcmWarmUp::run, "holdfast-gcm-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }

        static void touch() {
        }
    }

    private static void run() {
        // A throwaway key: nothing sealed here is stored, and the key dies with the thread.
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] plaintext = new byte[LENGTH];
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            for (int round = 0; round < ROUNDS; round++) {
                cipher.init(Cipher.ENCRYPT_MODE, spec, Aead.nonceForPart(round));
                byte[] sealed = cipher.doFinal(plaintext);
                cipher.init(Cipher.DECRYPT_MODE, spec, Aead.nonceForPart(round));
                cipher.doFinal(sealed);
            }
        } catch (GeneralSecurityException e) {
            // The warm-up only speeds things up; real operations report their own failures.
        }
    }
}
