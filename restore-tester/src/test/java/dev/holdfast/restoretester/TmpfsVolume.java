package dev.holdfast.restoretester;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, a volume of known size. Mounting needs root; a test
 * that cannot mount is skipped, not failed.
 */
record TmpfsVolume(Path folder) implements AutoCloseable {
    /** Mounts a tmpfs of {@code size} (as mount(8) takes it, such as "1m") at {@code folder}. */
    static TmpfsVolume mount(Path folder, String size) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755",
                "tmpfs", folder.toString());
        assumeTrue(failure == null, () -> "cannot mount a tmpfs, so the test is skipped: "
                + failure);
        return new TmpfsVolume(folder);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (run("umount", folder.toString()) != null) {
            run("umount", "-l", folder.toString());
        }
    }

    /** Runs a command and returns null on success, else its status and output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish within 30 s";
        }
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        return process.exitValue() == 0 ? null : "exit status " + process.exitValue() + ": "
                + output;
    }
}
