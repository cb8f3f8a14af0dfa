package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several threads that open slots at once, as the scheduled jobs of {@code holdfast serve} do,
 * must fit in a heap with room for one derivation's memory cost but not two.
 */
class ConcurrentDerivationTest {
    private static final int THREADS = 3;

    /*
     * 100 MiB fits one 64 MiB derivation and the JVM's own objects, but not two derivations.
     * The child stops with a non-zero code on OutOfMemoryError.
     */
    private static final String HEAP = "-Xmx100m";

    @Test
    void parallelDerivations_fitOneMemoryCost() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, HEAP, "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                ConcurrentDerivationTest.class.getName()))
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = child.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly();
        }

        assertThat(exited).as("child JVM exited").isTrue();
        assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
        assertThat(output).contains("derived " + THREADS + " keys");
    }

    /** Derives {@link #THREADS} keys with the default cost on parallel threads. */
    public static void main(String[] arguments) throws InterruptedException, IOException {
        List<Thread> threads = new ArrayList<>();
        byte[][] keys = new byte[THREADS][];
        for (int i = 0; i < THREADS; i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().start(() -> keys[slot] = PassphraseKdf.deriveKey(
                    ("passphrase " + slot).toCharArray(), new byte[16], Argon2Parameters.DEFAULT)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int derived = 0;
        for (byte[] key : keys) {
            if (key != null && key.length == PassphraseKdf.KEY_LENGTH) {
                derived++;
            }
        }
        System.out.println("derived " + derived + " keys");
        System.out.flush();
    }
}
